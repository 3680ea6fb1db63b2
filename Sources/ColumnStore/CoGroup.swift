/// A multi-way join on the person key: for tables sorted by the same int64
/// key, yields every key present in any table with the row range it has in
/// each table (empty when absent). This is how a person's records from all
/// sources are brought together inside one partition.
public struct CoGroup: Sequence {
    let keyColumns: [[Int64]]

    /// `tables` must each be sorted ascending by `key`.
    public init(_ tables: [Table], key: String) {
        keyColumns = tables.map { $0.column(key).int64Values }
    }

    public func makeIterator() -> Iterator { Iterator(keys: keyColumns) }

    public struct Iterator: IteratorProtocol {
        let keys: [[Int64]]
        var pos: [Int]

        init(keys: [[Int64]]) {
            self.keys = keys
            pos = Array(repeating: 0, count: keys.count)
        }

        public mutating func next() -> (key: Int64, rows: [Range<Int>])? {
            var current: Int64? = nil
            for (t, k) in keys.enumerated() where pos[t] < k.count {
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
                while e < k.count && k[e] == key { e += 1 }
                rows.append(s..<e)
                pos[t] = e
            }
            return (key, rows)
        }
    }
}
