extension Table {
    /// The first `n` rows (0 <= n <= rowCount), copied buffer by buffer (no per-row gather).
    /// Used to cut an extract table, whose rows are in delivery order, at a delivery.
    public func prefix(rows n: Int) -> Table {
        precondition(n >= 0 && n <= rowCount, "prefix of \(n) rows of a table with \(rowCount)")
        return Table(columns: columns.map { $0.prefix(rows: n) })
    }

    /// The rows from `start` to the end (0 <= start <= rowCount), copied buffer by buffer: the
    /// rows of an extract table's last deliveries.
    public func suffix(from start: Int) -> Table {
        precondition(start >= 0 && start <= rowCount, "rows from \(start) of a table with \(rowCount)")
        if start == 0 { return self }
        return Table(columns: columns.map { $0.suffix(from: start) })
    }
}

extension Column {
    /// The first `n` rows of the column.
    public func prefix(rows n: Int) -> Column {
        Column(name: name, data: data.prefix(rows: n), validity: validity.map { $0.prefix(rows: n) })
    }

    /// The rows of the column from `start` on.
    public func suffix(from start: Int) -> Column {
        Column(name: name, data: data.suffix(from: start), validity: validity.map { $0.suffix(from: start) })
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

    /// The values from `start` on.
    public func suffix(from start: Int) -> ColumnData {
        switch self {
        case .int32(let v): return .int32(Array(v[start...]))
        case .int64(let v): return .int64(Array(v[start...]))
        case .float64(let v): return .float64(Array(v[start...]))
        case .date32(let v): return .date32(Array(v[start...]))
        case .bool(let v): return .bool(Array(v[start...]))
        case .utf8(let s):
            let base = s.offsets[start]
            return .utf8(StringStorage(offsets: s.offsets[start...].map { $0 - base }, bytes: Array(s.bytes[Int(base)...])))
        case .dictionary(let d): return .dictionary(DictionaryStorage(indices: Array(d.indices[start...]), values: d.values))
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

    /// The bits from `start` on, shifted to start at bit 0.
    public func suffix(from start: Int) -> Validity {
        let n = count - start
        var out = [UInt8](repeating: 0, count: (n + 7) / 8)
        for j in 0..<n where self[start + j] { out[j >> 3] |= 1 << UInt8(j & 7) }
        return Validity(bytes: out, count: n)
    }
}
