extension KeySort {
    /// For each row of `order` (rows sorted by `key`, then `second`, then row number, as
    /// ``sortedRows(key:second:keep:)`` returns them), the number of rows before it in `order`
    /// with the same key, second key and `group` value: 0, 1, 2, … within each such run. Rows not
    /// in `order` get 0. The result is indexed by row, like the keys.
    ///
    /// Rows with equal (key, second) are in row order, so when `group` only grows with the row
    /// number (a delivery index), the rows of one group are adjacent within their run and the
    /// rank is their place in row order. Chunks of `order` are ranked in parallel.
    ///
    /// With `order` nil the rows are already in that order (a normalised table's columns): the
    /// same ranks, read sequentially.
    ///
    /// - Precondition: `key`, `second` (when given) and `group` have the same count, and `order`
    ///   holds each row at most once.
    public static func ranks(order: [Int32]?, key: [Int64], second: [Int32]?, group: [Int32]) -> [Int32] {
        precondition(group.count == key.count && (second?.count ?? key.count) == key.count, "one key per row")
        var out = [Int32](repeating: 0, count: key.count)
        let n = order?.count ?? key.count
        guard n > 1 else { return out }
        out.withUnsafeMutableBufferPointer { buffer in
            let target = SendablePointer(buffer.baseAddress!)
            let chunks = Parallel.ranges(n, chunks: Parallel.width * 4)
            _ = Parallel.map(chunks.count) { c in
                let range = chunks[c]
                @inline(__always) func row(_ i: Int) -> Int32 { order?[i] ?? Int32(truncatingIfNeeded: i) }
                @inline(__always) func same(_ a: Int32, _ b: Int32) -> Bool {
                    let a = Int(a), b = Int(b)
                    return key[a] == key[b] && group[a] == group[b] && (second.map { $0[a] == $0[b] } ?? true)
                }
                // The run may have begun in an earlier chunk: count its rows there.
                var start = range.lowerBound
                while start > 0 && same(row(start - 1), row(start)) { start -= 1 }
                var rank = Int32(range.lowerBound - start)
                target.pointer[Int(row(range.lowerBound))] = rank
                for i in range.dropFirst() {
                    rank = same(row(i - 1), row(i)) ? rank + 1 : 0
                    target.pointer[Int(row(i))] = rank
                }
                return 0
            }
        }
        return out
    }
}
