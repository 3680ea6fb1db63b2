extension Table {
    /// Rows for which `predicate(row)` holds, evaluated in parallel chunks; row order is kept.
    public func filter(_ predicate: @Sendable (Int) -> Bool) -> Table {
        let chunks = Parallel.ranges(rowCount, chunks: Parallel.width * 4)
        let kept: [[Int]] = Parallel.map(chunks.count) { c in chunks[c].filter(predicate) }
        return gather(kept.flatMap { $0 })
    }

    /// The row order that sorts the table by `keys` ascending (stable; nulls first).
    /// Dictionary columns sort by their string values.
    public func sortIndices(by keys: [String]) -> [Int] {
        let cols = keys.map { column($0) }
        // Fast path: an int64 key (the pnr) and optionally an int32 one (a date), no nulls.
        if cols.count <= 2, cols.allSatisfy({ $0.validity == nil }), case .int64(let first) = cols[0].data {
            if cols.count == 1 { return KeySort.sortedRows(key: first).map(Int.init) }
            switch cols[1].data {
            case .int32(let second), .date32(let second):
                return KeySort.sortedRows(key: first, second: second).map(Int.init)
            default:
                break
            }
        }
        let comparators = cols.map(SortKey.init)
        return (0..<rowCount).sorted { a, b in
            for k in comparators {
                let c = k.compare(a, b)
                if c != 0 { return c < 0 }
            }
            return a < b
        }
    }

    /// The table sorted by `keys` ascending (stable).
    public func sorted(by keys: [String]) -> Table {
        if rowCount < 2 { return self }
        return gather(sortIndices(by: keys))
    }

    /// Ranges of consecutive rows with equal `key` (an int64 column, e.g. the pnr),
    /// for a table already sorted by that key: the group-by of the store.
    public func groupRanges(by key: String) -> [(key: Int64, rows: Range<Int>)] {
        let v = column(key).int64Values
        var out: [(key: Int64, rows: Range<Int>)] = []
        var start = 0
        while start < v.count {
            var end = start + 1
            while end < v.count && v[end] == v[start] { end += 1 }
            out.append((v[start], start..<end))
            start = end
        }
        return out
    }
}

/// A comparable view of one column used by sorting.
struct SortKey {
    let column: Column
    let dictRank: [Int32]

    init(_ c: Column) {
        column = c
        if case .dictionary(let d) = c.data {
            let order = d.values.indices.sorted { d.values[$0] < d.values[$1] }
            var rank = [Int32](repeating: 0, count: d.values.count)
            for (r, i) in order.enumerated() { rank[i] = Int32(r) }
            dictRank = rank
        } else {
            dictRank = []
        }
    }

    func compare(_ a: Int, _ b: Int) -> Int {
        let na = column.isNull(a), nb = column.isNull(b)
        if na || nb { return na == nb ? 0 : (na ? -1 : 1) }
        switch column.data {
        case .int32(let v), .date32(let v): return v[a] == v[b] ? 0 : (v[a] < v[b] ? -1 : 1)
        case .int64(let v): return v[a] == v[b] ? 0 : (v[a] < v[b] ? -1 : 1)
        case .float64(let v): return v[a] == v[b] ? 0 : (v[a] < v[b] ? -1 : 1)
        case .bool(let v): return v[a] == v[b] ? 0 : (!v[a] ? -1 : 1)
        case .utf8(let s):
            let x = s.bytes[Int(s.offsets[a])..<Int(s.offsets[a + 1])]
            let y = s.bytes[Int(s.offsets[b])..<Int(s.offsets[b + 1])]
            return x.elementsEqual(y) ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        case .dictionary(let d):
            let ra = dictRank[Int(d.indices[a])], rb = dictRank[Int(d.indices[b])]
            return ra == rb ? 0 : (ra < rb ? -1 : 1)
        }
    }
}
