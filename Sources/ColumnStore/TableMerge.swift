import Foundation

extension Table {
    /// The rows `rows` of the concatenation [`old`, `new`], as
    /// ``gatherReleasing(from:rowSets:)`` gives them, when `old`'s rows appear in ascending
    /// order among them (a sorted table merged with a few new rows, some old ones left out).
    ///
    /// `old`'s fixed-width and string columns are rearranged in their own arrays (see
    /// ``MergePlan``). When `old`'s arrays have the spare capacity (`ArrowFileReader.read(from:spare:)`)
    /// no new memory is taken for them, where a gather needs a second copy of the table: in a
    /// nightly normalise that second copy was the run's peak memory. Dictionary columns of the
    /// same code list are merged the same way; bool columns, other dictionary
    /// columns, and validity bitmaps, are gathered. `old` must be the only holder of its arrays,
    /// or they are copied (correct, only slower).
    /// - Precondition: every row number is below `old.rowCount + new.rowCount`, the rows of
    ///   `old` ascending; the tables have the same column names and types.
    public static func mergeReleasing(old: consuming Table, new: Table, rows: [Int32]) -> Table {
        var old = old
        let nOld = old.rowCount, total = nOld + new.rowCount
        precondition(old.columns.count == new.columns.count, "merging tables of \(old.columns.count) and \(new.columns.count) columns")
        var previous: Int32 = -1
        for r in rows {
            precondition(r >= 0 && Int(r) < total, "merge row out of range")
            if Int(r) < nOld {
                precondition(r > previous, "the rows of the old table must come in ascending order")
                previous = r
            }
        }
        let plan = MergePlan(rows: rows, oldRows: nOld)
        let locate = PartLocator(bases: [0, nOld, total])
        let slices = gatherSlices(rows.count)
        var out: [Column] = []
        for c in old.columns.indices {
            let added = new.columns[c], name = added.name
            precondition(old.columns[c].name == name && old.columns[c].type == added.type,
                         "cannot merge column \(old.columns[c].name): \(old.columns[c].type) with \(name): \(added.type)")
            let oldValidity = old.columns[c].validity
            let validity: Validity? = oldValidity != nil || added.validity != nil
                ? Validity.gather([oldValidity, added.validity], locate, rows: rows, slices: slices) : nil
            var data = old.columns[c].data
            // The table lets go of the column, so that `data` is the only holder of its arrays.
            old.columns[c] = Column(name: name, data: .int32([]))
            let merged: ColumnData
            switch (data.type, added.data) {
            case (.int32, .int32(let b)): merged = .int32(plan.merge(data.take(\.int32Values), b))
            case (.date32, .date32(let b)): merged = .date32(plan.merge(data.take(\.dateValues), b))
            case (.int64, .int64(let b)): merged = .int64(plan.merge(data.take(\.int64Values), b))
            case (.float64, .float64(let b)): merged = .float64(plan.merge(data.take(\.float64Values), b))
            case (.utf8, .utf8(let b)): merged = .utf8(plan.merge(data.take(\.strings), b))
            case (.dictionary, .dictionary(let b)) where data.dictionaryValues == b.values:
                // The same code list (the usual case): the indices are merged where they are.
                merged = .dictionary(DictionaryStorage(indices: plan.merge(data.take(\.dictionaryIndices), b.indices), values: b.values))
            default:
                merged = ColumnData.gather([Column(name: name, data: data), added], locate, rows: rows, slices: slices)
            }
            out.append(Column(name: name, data: merged, validity: validity))
        }
        return Table(columns: out)
    }
}

extension Column {
    /// The indices of a dictionary column.
    fileprivate var dictionaryIndices: [DictionaryStorage.Index] {
        guard case .dictionary(let d) = data else { preconditionFailure("\(name) is not a dictionary column") }
        return d.indices
    }
}

extension ColumnData {
    /// The values of a dictionary column, nil for other columns.
    fileprivate var dictionaryValues: [String]? {
        if case .dictionary(let d) = self { return d.values }
        return nil
    }

    /// This column's buffer (read by `value`), leaving an empty int32 column in its place, so
    /// that the caller holds the only reference.
    fileprivate mutating func take<T>(_ value: (Column) -> T) -> T {
        let v = value(Column(name: "", data: self))
        self = .int32([])
        return v
    }
}

/// How a merge moves rows (see ``Table/mergeReleasing(old:new:rows:)``), in runs: first the
/// kept old rows are moved together (`compaction`, front to back), then spread out to their
/// output rows with the new rows between them (`pieces`, back to front). Every move goes to a
/// row at or before its source in the first pass and at or after it in the second, and no
/// move overwrites a row another move has yet to read.
struct MergePlan {
    /// A run of kept old rows moved forward: rows `from..<from+count` to `to..<to+count`.
    struct Shift {
        var from: Int, to: Int, count: Int
    }
    /// Output rows `at..<at+count`: kept old rows `from..<from+count` after the compaction, or,
    /// when `new` is set, new row `from` (count 1).
    struct Piece {
        var at: Int, from: Int, count: Int, new: Bool
    }

    let outputRows: Int
    /// How many old rows the output keeps.
    let keptRows: Int
    let compaction: [Shift]
    let pieces: [Piece]

    /// - Parameters:
    ///   - rows: output row i is old row `rows[i]` when below `oldRows`, else new row
    ///     `rows[i] - oldRows`; the old ones ascending.
    init(rows: [Int32], oldRows: Int) {
        outputRows = rows.count
        var compaction: [Shift] = [], pieces: [Piece] = []
        var kept = 0
        rows.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            while i < n {
                let r = Int(p[i])
                if r >= oldRows {
                    pieces.append(Piece(at: i, from: r - oldRows, count: 1, new: true))
                    i += 1
                    continue
                }
                // A run of consecutive old rows r, r+1, ... at outputs i, i+1, ... (most of a
                // month's table), taken whole instead of row by row.
                var j = i + 1
                while j < n, Int(p[j]) == r + (j - i), r + (j - i) < oldRows { j += 1 }
                let count = j - i
                if let last = compaction.last, last.from + last.count == r, last.to + last.count == kept {
                    compaction[compaction.count - 1].count += count
                } else {
                    compaction.append(Shift(from: r, to: kept, count: count))
                }
                if let last = pieces.last, !last.new, last.at + last.count == i, last.from + last.count == kept {
                    pieces[pieces.count - 1].count += count
                } else {
                    pieces.append(Piece(at: i, from: kept, count: count, new: false))
                }
                kept += count
                i = j
            }
        }
        keptRows = kept
        // Runs already in place (the first rows, before any row is left out or put in) are not
        // moved: those are all at the front.
        self.compaction = compaction.filter { $0.from != $0.to }
        self.pieces = pieces.filter { $0.new || $0.at != $0.from }
    }

    /// Fixed-width values merged in `a`'s storage.
    func merge<T: AdditiveArithmetic>(_ a: consuming [T], _ b: [T]) -> [T] {
        var a = a
        let n = outputRows
        let stride = MemoryLayout<T>.stride
        a.withUnsafeMutableBufferPointer { p in
            for s in compaction { memmove(p.baseAddress! + s.to, p.baseAddress! + s.from, s.count * stride) }
        }
        if a.count < n { a.append(contentsOf: repeatElement(T.zero, count: n - a.count)) }
        a.withUnsafeMutableBufferPointer { p in
            b.withUnsafeBufferPointer { q in
                for piece in pieces.reversed() {
                    if piece.new {
                        p[piece.at] = q[piece.from]
                    } else {
                        memmove(p.baseAddress! + piece.at, p.baseAddress! + piece.from, piece.count * stride)
                    }
                }
            }
        }
        if a.count > n { a.removeLast(a.count - n) }
        return a
    }

    /// Strings merged in `s`'s offsets and bytes.
    func merge(_ s: consuming StringStorage, _ b: StringStorage) -> StringStorage {
        var s = s
        var offsets = s.offsets, bytes = s.bytes
        s = StringStorage()
        let n = outputRows
        // Front to back: each run's bytes moved to the end of the kept ones, its offsets with them.
        offsets.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeMutableBufferPointer { by in
                for shift in compaction {
                    let start = Int(o[shift.from]), end = Int(o[shift.from + shift.count]), to = Int(o[shift.to])
                    if end > start { memmove(by.baseAddress! + to, by.baseAddress! + start, end - start) }
                    let move = Int32(truncatingIfNeeded: to - start)
                    for t in 1...shift.count { o[shift.to + t] = o[shift.from + t] &+ move }
                }
            }
        }
        var totalBytes = Int(offsets[keptRows])
        for piece in pieces where piece.new { totalBytes += Int(b.offsets[piece.from + 1] - b.offsets[piece.from]) }
        precondition(totalBytes <= Int(Int32.max), "more than 2 GiB of string data in one column")
        if offsets.count < n + 1 { offsets.append(contentsOf: repeatElement(0, count: n + 1 - offsets.count)) }
        if bytes.count < totalBytes { bytes.append(contentsOf: repeatElement(0, count: totalBytes - bytes.count)) }
        // Back to front: the pieces cover the output rows after the unmoved first ones; each
        // piece's bytes end where the next piece's begin.
        offsets.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeMutableBufferPointer { by in
                b.offsets.withUnsafeBufferPointer { bo in
                    b.bytes.withUnsafeBufferPointer { bb in
                        var end = totalBytes
                        for piece in pieces.reversed() {
                            if piece.new {
                                let start = Int(bo[piece.from]), length = Int(bo[piece.from + 1]) - start
                                if length > 0 { (by.baseAddress! + end - length).update(from: bb.baseAddress! + start, count: length) }
                                o[piece.at + 1] = Int32(truncatingIfNeeded: end)
                                end -= length
                            } else {
                                let start = Int(o[piece.from]), length = Int(o[piece.from + piece.count]) - start
                                let to = end - length
                                if length > 0, to != start { memmove(by.baseAddress! + to, by.baseAddress! + start, length) }
                                let move = Int32(truncatingIfNeeded: to - start)
                                for t in Swift.stride(from: piece.count, through: 1, by: -1) { o[piece.at + t] = o[piece.from + t] &+ move }
                                end = to
                            }
                        }
                    }
                }
            }
        }
        if offsets.count > n + 1 { offsets.removeLast(offsets.count - n - 1) }
        if bytes.count > totalBytes { bytes.removeLast(bytes.count - totalBytes) }
        return StringStorage(offsets: offsets, bytes: bytes)
    }
}
