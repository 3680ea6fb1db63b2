extension Table {
    /// The first `n` rows (0 <= n <= rowCount), copied buffer by buffer (no per-row gather).
    /// Used to cut an extract table, whose rows are in delivery order, at a delivery.
    public func prefix(rows n: Int) -> Table {
        precondition(n >= 0 && n <= rowCount, "prefix of \(n) rows of a table with \(rowCount)")
        return Table(columns: columns.map { $0.prefix(rows: n) })
    }
}

extension Column {
    /// The first `n` rows of the column.
    public func prefix(rows n: Int) -> Column {
        Column(name: name, data: data.prefix(rows: n), validity: validity.map { $0.prefix(rows: n) })
    }
}

extension ColumnData {
    /// The first `n` values.
    public func prefix(rows n: Int) -> ColumnData {
        switch self {
        case .int32(let v): return .int32(Array(v[..<n]))
        case .int64(let v): return .int64(Array(v[..<n]))
        case .float64(let v): return .float64(Array(v[..<n]))
        case .date32(let v): return .date32(Array(v[..<n]))
        case .bool(let v): return .bool(Array(v[..<n]))
        case .utf8(let s):
            return .utf8(StringStorage(offsets: Array(s.offsets[...n]), bytes: Array(s.bytes[..<Int(s.offsets[n])])))
        case .dictionary(let d): return .dictionary(DictionaryStorage(indices: Array(d.indices[..<n]), values: d.values))
        }
    }
}

extension Validity {
    /// The first `n` bits (the unused bits of the last byte cleared).
    public func prefix(rows n: Int) -> Validity {
        var b = Array(bytes[..<((n + 7) / 8)])
        if n & 7 != 0 { b[b.count - 1] &= UInt8((1 << (n & 7)) - 1) }
        return Validity(bytes: b, count: n)
    }
}
