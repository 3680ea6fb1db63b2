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

        // The next version of a row: only a new row can replace an old one. Old rows: the first
        // new row with their key (old keys are unique), listed only for the few old rows
        // replaced; new rows: the next new row with theirs. Numbered in [old, new].
        let replacements: (old: [KeyMatch], following: [Int32])? = layout.key.map { key in
            let newKey = new.column(key)
            return (newKey.firstOccurrence(in: old.column(key)), newKey.nextOccurrence())
        }
        let newOrder = replacements.map { r in newAll.filter { r.following[Int($0)] < 0 } } ?? newAll
        // M-1's rows in order, but the replaced ones, merged with the new latest versions.
        let replacedOld = replacements?.old.map(\.probeRow) ?? []
        let rows = SortedMerge.merge(all: oldKeys, count: nOld, except: replacedOld, with: .init(newKeys, newOrder, base: nOld))

        guard let superseded, let replacements, let versions else {
            _ = consume oldKeys
            let table = Table.mergeReleasing(old: consume old, new: new, rows: rows)
            return Outcome(table: table, replaced: extractRows + nNew - rows.count, superseded: nil)
        }
        // Versions replaced in M (an old row by a new one, or a new row by a later new one), known
        // in a month of the range: as the whole-table normalise decides.
        let newDelivery = new.column("_delivery").int32Values
        let monthOf = superseded.deliveryMonths.map { Int32($0.index) }
        let lo = Int32(superseded.months.lowerBound.index), hi = Int32(superseded.months.upperBound.index)
        /// The month of the new row (numbered in `new`) that replaces a version.
        func replacedFrom(new j: Int32) -> Int32 { monthOf[Int(newDelivery[Int(j)])] }
        func known(delivery: Int32, replacedBy j: Int32) -> Bool {
            let from = monthOf[Int(delivery)], until = replacedFrom(new: j)
            return from < until && from <= hi && until > lo
        }
        let oldDelivery = old.column("_delivery").int32Values
        let oldKnown = replacements.old.filter { known(delivery: oldDelivery[Int($0.probeRow)], replacedBy: $0.row) }
        let newKnown = newAll.filter { j in
            let n = replacements.following[Int(j)]
            return n >= 0 && known(delivery: newDelivery[Int(j)], replacedBy: n)
        }
        // M-1's versions still known in a month of the range (replaced after its first month).
        let firstKept = YearMonth(index: Int(lo) + 1).first.rawValue
        var earlier = versions
        let until = earlier.column(Superseded.replacedFrom).dateValues
        earlier.columns.removeAll { $0.name == Superseded.replacedFrom }
        let earlierKept = rowsWhere(versions.rowCount) { until[$0] >= firstKept }
        let oldRows = SortedMerge.merge([.init(SortKeys(earlier, layout), earlierKept, base: nOld + nNew),
                                         .init(oldKeys, oldKnown.map(\.probeRow), base: 0),
                                         .init(newKeys, newKnown, base: nOld)])
        // The replacing new row of each known old row (ascending old rows, as `oldKnown`).
        let oldReplacedBy = Dictionary(uniqueKeysWithValues: oldKnown.map { ($0.probeRow, $0.row) })
        let replacedFromDays: [Int32] = oldRows.map { r in
            let r = Int(r)
            if r >= nOld + nNew { return until[r - nOld - nNew] }
            let by = r < nOld ? oldReplacedBy[Int32(r)]! : replacements.following[r - nOld]
            return YearMonth(index: Int(replacedFrom(new: by))).first.rawValue
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

    /// Rows `0..<count` of `a` (in order by `a`) but the rows `except` (ascending), merged with
    /// the run `b`; a tie goes to `a`. The common case: the previous month's rows (nearly all
    /// kept) and the few new ones. Each new row's place among all of `a`'s rows is found by
    /// galloping (steps of 1, 2, 4, ... then halving), and the kept `a` rows before it are
    /// appended as blocks: a comparison per new row and a few more, instead of one per output
    /// row, and no list of `a`'s kept rows. (A left-out row still sorts where it is, so the place
    /// among all rows is the place among the kept ones.)
    static func merge(all a: SortKeys, count na: Int, except: [Int32], with b: Run) -> [Int32] {
        let total = na - except.count + b.rows.count
        return [Int32](unsafeUninitializedCapacity: total) { out, filled in
            var n = 0, skip = 0
            /// Appends rows lo..<hi of `a` but the left-out ones.
            func appendA(_ lo: Int, _ hi: Int) {
                var lo = lo
                while lo < hi {
                    while skip < except.count, Int(except[skip]) < lo { skip += 1 }
                    let end = skip < except.count ? min(hi, Int(except[skip])) : hi
                    for r in lo..<end { out[n] = Int32(truncatingIfNeeded: r); n += 1 }
                    lo = end + (end < hi ? 1 : 0)
                }
            }
            var i = 0
            for j in 0..<b.rows.count {
                let rb = Int(b.rows[j])
                // The first k >= i whose `a` row the new row precedes (a tie keeps `a` first).
                var lo = i, hi = i, step = 1
                while hi < na, !b.keys.precedes(rb, a, hi) {
                    lo = hi + 1
                    hi += step
                    step <<= 1
                }
                hi = min(hi, na)
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if b.keys.precedes(rb, a, mid) { hi = mid } else { lo = mid + 1 }
                }
                appendA(i, lo)
                out[n] = Int32(truncatingIfNeeded: b.base + rb)
                n += 1
                i = lo
            }
            appendA(i, na)
            precondition(n == total, "a left-out row is not a row of the table")
            filled = n
        }
    }
}
