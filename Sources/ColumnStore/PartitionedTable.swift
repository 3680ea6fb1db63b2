/// A table split into P partitions by a person key so that all of one
/// person's rows sit in the same partition. Partition-parallel kernels then
/// never need to look across partitions.
public struct PartitionedTable: Sendable {
    /// The partitions; partition p holds the rows whose key hashes to p.
    public var partitions: [Table]
    /// The int64 key column (the compact pnr).
    public var key: String

    public init(partitions: [Table], key: String) {
        self.partitions = partitions
        self.key = key
    }

    public var rowCount: Int { partitions.reduce(0) { $0 + $1.rowCount } }

    /// The partition of a key: a multiplicative hash, so consecutive pnr spread evenly.
    @inlinable
    public static func partition(of key: Int64, count: Int) -> Int {
        let h = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
        return Int((h >> 32) % UInt64(count))
    }

    /// Runs `body` on every partition in parallel and returns the results in partition order.
    public func map<T: Sendable>(_ body: @Sendable (Int, Table) -> T) -> [T] {
        let parts = partitions
        return Parallel.map(parts.count) { body($0, parts[$0]) }
    }

    /// All partitions appended into one table (partition order).
    public func merged() -> Table { Table.concatenate(partitions) }
}

extension Table {
    /// Splits the table into `count` partitions by the int64 column `key`.
    /// Row order inside a partition follows the original order.
    public func partitioned(by key: String, count: Int) -> PartitionedTable {
        precondition(count >= 1)
        precondition(rowCount < Int(Int32.max), "partitioning handles fewer than 2^31 rows")
        let keys = column(key).int64Values
        let chunks = Parallel.ranges(rowCount, chunks: Parallel.width * 4)
        // Per chunk: row lists per partition (parallel), then concatenated per partition in chunk order.
        let perChunk: [[[Int32]]] = Parallel.map(chunks.count) { c in
            var lists = Array(repeating: [Int32](), count: count)
            for r in chunks[c] { lists[PartitionedTable.partition(of: keys[r], count: count)].append(Int32(truncatingIfNeeded: r)) }
            return lists
        }
        let tables: [Table] = (0..<count).map { p in
            self.gather(rows: perChunk.flatMap { $0[p] })
        }
        return PartitionedTable(partitions: tables, key: key)
    }
}
