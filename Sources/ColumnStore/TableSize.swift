extension Column {
    /// Bytes held by the column's buffers (values, offsets, strings, validity; dictionaries counted once).
    public var byteSize: Int {
        let v = validity?.bytes.count ?? 0
        switch data {
        case .int32(let a), .date32(let a): return a.count * 4 + v
        case .int64(let a): return a.count * 8 + v
        case .float64(let a): return a.count * 8 + v
        case .bool(let a): return a.count + v
        case .utf8(let s): return s.offsets.count * 4 + s.bytes.count + v
        case .dictionary(let d): return d.indices.count * MemoryLayout<DictionaryStorage.Index>.size + d.values.reduce(0) { $0 + $1.utf8.count + 4 } + v
        }
    }
}

extension Table {
    /// Bytes held by all columns' buffers.
    public var byteSize: Int { columns.reduce(0) { $0 + $1.byteSize } }
}
