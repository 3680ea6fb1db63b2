import ColumnStore
import YdelseIO

/// A month's normalised table from the previous month's and the rows of the new deliveries,
/// equal to normalising the whole extract table (``Normaliser/normalise(_:layout:superseded:)``).
///
/// The previous normalised table holds the latest version of every key up to M-1, sorted; the new
/// rows come after all of its rows in delivery order. So the latest versions in M are the
/// previous rows whose key no new row has, and the new rows that no later new row replaces; and
/// the sorted order is a merge of the previous rows (already in order) with the sorted new rows,
/// instead of a sort of the whole history. Ties keep delivery order, `(_delivery, _tie)`: the
/// row order of the extract table.
extension Normaliser {
    /// The previous month's normalise outputs of one source.
    public struct Previous: Sendable {
        /// The normalised table of M-1.
        public var table: Table
        /// Its `<source>_versioner` table (keyed sources, when M's run keeps replaced versions).
        public var versions: Table?
        /// Rows of M-1's extract table: the new rows are the extract rows from this one on.
        public var extractRows: Int

        public init(table: Table, versions: Table?, extractRows: Int) {
            self.table = table
            self.versions = versions
            self.extractRows = extractRows
        }
    }

    /// The normalised table of M from M-1's (`previous`) and the extract rows of M's new
    /// deliveries (`new`, in delivery order): the same outcome as normalising M's whole extract
    /// table. With `superseded`, `previous.versions` must be M-1's `_versioner` table made with
    /// the same number of months: M's keeps its rows still known in the months asked for and adds
    /// the versions the new rows replace.
    public static func normalise(previous: consuming Previous, new: Table, layout: SourceLayout,
                                 superseded: Superseded? = nil) -> Outcome {
        let old = previous.table, versions = previous.versions, extractRows = previous.extractRows
        // `old` holds M-1's arrays alone, so that the merge below can rearrange them in place.
        previous.table = Table(columns: [])
        // Every new row in the normalised order; the kept ones are taken from it in that order.
        let newAll = sortedRows(new, layout: layout)
        let new = replacingLines(new, layout: layout, order: newAll)
        let nOld = old.rowCount, nNew = new.rowCount
        let oldKeys = SortKeys(old, layout), newKeys = SortKeys(new, layout)

        // The next version of every row of [old, new]: only a new row can replace an old one.
        let next: [Int32]? = layout.key.map { key in
            let newKey = new.column(key)
            // Old rows: the first new row with their key (old keys are unique); new rows: the next
            // new row with theirs. Numbered in [old, new].
            let replacing = newKey.firstOccurrence(in: old.column(key)), following = newKey.nextOccurrence()
            return [Int32](unsafeUninitializedCapacity: nOld + nNew) { out, filled in
                for r in 0..<nOld { out[r] = replacing[r] < 0 ? -1 : replacing[r] + Int32(nOld) }
                for j in 0..<nNew { out[nOld + j] = following[j] < 0 ? -1 : following[j] + Int32(nOld) }
                filled = nOld + nNew
            }
        }
        let newLatest = next.map { n in (0..<nNew).map { n[nOld + $0] < 0 } }
        let newOrder = newLatest.map { latest in newAll.filter { latest[Int($0)] } } ?? newAll
        let oldLatest = next.map { n in rowsWhere(nOld) { n[$0] < 0 } } ?? Array(0..<Int32(nOld))
        let rows = SortedMerge.merge([.init(oldKeys, oldLatest, base: 0), .init(newKeys, newOrder, base: nOld)])

        guard let superseded, let next, let versions else {
            _ = consume oldKeys
            let table = Table.mergeReleasing(old: consume old, new: new, rows: rows)
            return Outcome(table: table, replaced: extractRows + nNew - rows.count, superseded: nil)
        }
        // Versions replaced in M (an old row by a new one, or a new row by a later new one), known
        // in a month of the range: as the whole-table normalise decides.
        let newDelivery = new.column("_delivery").int32Values
        let monthOf = superseded.deliveryMonths.map { Int32($0.index) }
        let lo = Int32(superseded.months.lowerBound.index), hi = Int32(superseded.months.upperBound.index)
        func replacedFrom(_ row: Int) -> Int32 { monthOf[Int(newDelivery[Int(next[row]) - nOld])] }
        func known(_ row: Int, delivery: Int32) -> Bool {
            let n = next[row]
            if n < 0 { return false }
            let from = monthOf[Int(delivery)], until = replacedFrom(row)
            return from < until && from <= hi && until > lo
        }
        let oldDelivery = old.column("_delivery").int32Values
        let oldKnown = rowsWhere(nOld) { known($0, delivery: oldDelivery[$0]) }
        let newKnownMask = (0..<nNew).map { known(nOld + $0, delivery: newDelivery[$0]) }
        let newKnown = newAll.filter { newKnownMask[Int($0)] }
        // M-1's versions still known in a month of the range (replaced after its first month).
        let firstKept = YearMonth(index: Int(lo) + 1).first.rawValue
        var earlier = versions
        let until = earlier.column(Superseded.replacedFrom).dateValues
        earlier.columns.removeAll { $0.name == Superseded.replacedFrom }
        let earlierKept = rowsWhere(versions.rowCount) { until[$0] >= firstKept }
        let oldRows = SortedMerge.merge([.init(SortKeys(earlier, layout), earlierKept, base: nOld + nNew),
                                         .init(oldKeys, oldKnown, base: 0),
                                         .init(newKeys, newKnown, base: nOld)])
        let replacedFromDays: [Int32] = oldRows.map { r in
            let r = Int(r)
            if r >= nOld + nNew { return until[r - nOld - nNew] }
            return YearMonth(index: Int(replacedFrom(r))).first.rawValue
        }
        // The replaced versions first (from a copy of `old` the gather lets go of), then the
        // current rows merged in `old`'s arrays, which nothing else holds by then.
        var replaced = Table.gatherReleasing(from: [old, new, consume earlier], rowSets: [oldRows])[0]
        replaced.columns.append(Column(name: Superseded.replacedFrom, data: .date32(replacedFromDays)))
        _ = consume oldKeys
        _ = consume oldDelivery
        let table = Table.mergeReleasing(old: consume old, new: new, rows: rows)
        return Outcome(table: table, replaced: extractRows + nNew - rows.count, superseded: replaced)
    }

    /// The rows r in 0..<n for which `include(r)` holds, in order.
    private static func rowsWhere(_ n: Int, _ include: (Int) -> Bool) -> [Int32] {
        var rows: [Int32] = []
        for r in 0..<n where include(r) { rows.append(Int32(truncatingIfNeeded: r)) }
        return rows
    }
}

/// The columns a normalised table is sorted by: pnr, the layout's sort date (when it has one),
/// then delivery order (`_delivery`, `_tie`).
struct SortKeys {
    let pnr: [Int64]
    let date: [Int32]?
    let delivery: [Int32]
    let tie: [Int32]

    init(_ table: Table, _ layout: SourceLayout) {
        pnr = table.column("pnr").int64Values
        date = Normaliser.sortDate(layout).map { table.column($0).int32Values }
        delivery = table.column("_delivery").int32Values
        tie = table.column(Normaliser.tie).int32Values
    }

    /// Whether row `a` of these keys sorts before row `b` of `other`'s.
    @inline(__always) func precedes(_ a: Int, _ other: SortKeys, _ b: Int) -> Bool {
        if pnr[a] != other.pnr[b] { return pnr[a] < other.pnr[b] }
        if let d = date, let e = other.date, d[a] != e[b] { return d[a] < e[b] }
        if delivery[a] != other.delivery[b] { return delivery[a] < other.delivery[b] }
        return tie[a] < other.tie[b]
    }
}

/// A merge of sorted runs of rows into one sorted list of row numbers.
enum SortedMerge {
    /// One sorted run: `rows` of a table (in order by `keys`), numbered from `base` in the output.
    struct Run {
        let keys: SortKeys
        let rows: [Int32]
        let base: Int

        init(_ keys: SortKeys, _ rows: [Int32], base: Int) {
            self.keys = keys
            self.rows = rows
            self.base = base
        }
    }

    /// The rows of all runs, `base + row`, in sorted order (a tie goes to the earlier run).
    static func merge(_ runs: [Run]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(runs.reduce(0) { $0 + $1.rows.count })
        if runs.count == 2 { return merge(runs[0], runs[1], into: out) }
        var at = runs.map { _ in 0 }
        while true {
            var best = -1
            for (k, run) in runs.enumerated() where at[k] < run.rows.count {
                if best < 0 { best = k; continue }
                let b = runs[best]
                if run.keys.precedes(Int(run.rows[at[k]]), b.keys, Int(b.rows[at[best]])) { best = k }
            }
            if best < 0 { return out }
            out.append(Int32(runs[best].base + Int(runs[best].rows[at[best]])))
            at[best] += 1
        }
    }

    /// Two runs: the common case, the previous month's rows (`a`, nearly all of them) and the
    /// few new ones (`b`). Each new row's place among `a`'s is found by galloping (steps of 1, 2,
    /// 4, ... then halving), and the `a` rows before it are appended as one block: a comparison
    /// per new row and a few more, instead of one per output row.
    private static func merge(_ a: Run, _ b: Run, into start: [Int32]) -> [Int32] {
        var out = start
        let na = a.rows.count, nb = b.rows.count
        a.rows.withUnsafeBufferPointer { ar in
            func appendA(_ lo: Int, _ hi: Int) {
                guard lo < hi else { return }
                if a.base == 0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: ar[lo..<hi]))
                } else {
                    for k in lo..<hi { out.append(Int32(truncatingIfNeeded: a.base + Int(ar[k]))) }
                }
            }
            var i = 0
            for j in 0..<nb {
                let rb = Int(b.rows[j])
                // The first k >= i whose `a` row the new row precedes (a tie keeps `a` first).
                var lo = i, hi = i, step = 1
                while hi < na, !b.keys.precedes(rb, a.keys, Int(ar[hi])) {
                    lo = hi + 1
                    hi += step
                    step <<= 1
                }
                hi = min(hi, na)
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if b.keys.precedes(rb, a.keys, Int(ar[mid])) { hi = mid } else { lo = mid + 1 }
                }
                appendA(i, lo)
                out.append(Int32(truncatingIfNeeded: b.base + rb))
                i = lo
            }
            appendA(i, na)
        }
        return out
    }
}
