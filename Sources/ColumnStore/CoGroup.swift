/// A multi-way join on the person key: for tables sorted by the same int64
/// key, yields every key present in any table with the row range it has in
/// each table (empty when absent). This is how a person's records from all
/// sources are brought together inside one partition.
public struct CoGroup: Sequence {
    let keyColumns: [[Int64]]
    let ranges: [Range<Int>]

    /// `tables` must each be sorted ascending by `key`. With `ranges`, only
    /// rows `ranges[t]` of table t take part (a partition of sorted tables);
    /// the row ranges handed out are still row numbers of the whole tables.
    public init(_ tables: [Table], key: String, ranges: [Range<Int>]? = nil) {
        keyColumns = tables.map { $0.column(key).int64Values }
        self.ranges = ranges ?? tables.map { 0..<$0.rowCount }
        precondition(self.ranges.count == tables.count, "one row range per table")
    }

    public func makeIterator() -> Iterator { Iterator(keys: keyColumns, ranges: ranges) }

    public struct Iterator: IteratorProtocol {
        let keys: [[Int64]]
        let ends: [Int]
        var pos: [Int]

        init(keys: [[Int64]], ranges: [Range<Int>]) {
            self.keys = keys
            pos = ranges.map(\.lowerBound)
            ends = ranges.map(\.upperBound)
        }

        public mutating func next() -> (key: Int64, rows: [Range<Int>])? {
            var current: Int64? = nil
            for (t, k) in keys.enumerated() where pos[t] < ends[t] {
                let v = k[pos[t]]
                if current == nil || v < current! { current = v }
            }
            guard let key = current else { return nil }
            var rows: [Range<Int>] = []
            rows.reserveCapacity(keys.count)
            for t in keys.indices {
                let k = keys[t]
                let s = pos[t]
                var e = s
                while e < ends[t] && k[e] == key { e += 1 }
                rows.append(s..<e)
                pos[t] = e
            }
            return (key, rows)
        }
    }
}
