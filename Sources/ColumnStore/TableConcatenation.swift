extension Table {
    /// Appends the rows of `tables` (same column names and types, in order) into one table.
    ///
    /// Dictionary columns with different dictionaries are re-encoded onto the
    /// union of the values (first appearance order). Validity is kept: a column
    /// that is nullable in any part is nullable in the result.
    public static func concatenate(_ tables: [Table]) -> Table {
        guard let first = tables.first else { return Table(columns: []) }
        if tables.count == 1 { return first }
        var columns: [Column] = []
        for (ci, c0) in first.columns.enumerated() {
            let parts = tables.map { $0.columns[ci] }
            for p in parts { precondition(p.name == c0.name && p.type == c0.type, "cannot concatenate column \(p.name): \(p.type) with \(c0.name): \(c0.type)") }
            let data: ColumnData
            switch c0.data {
            case .int32: data = .int32(parts.flatMap(\.int32Values))
            case .int64: data = .int64(parts.flatMap(\.int64Values))
            case .float64: data = .float64(parts.flatMap(\.float64Values))
            case .date32: data = .date32(parts.flatMap(\.dateValues))
            case .bool: data = .bool(parts.flatMap(\.boolValues))
            case .utf8:
                var s = StringStorage()
                s.offsets.reserveCapacity(parts.reduce(1) { $0 + $1.count })
                s.bytes.reserveCapacity(parts.reduce(0) { $0 + $1.strings.bytes.count })
                for p in parts {
                    let base = Int32(s.bytes.count)
                    s.bytes.append(contentsOf: p.strings.bytes)
                    s.offsets.append(contentsOf: p.strings.offsets.dropFirst().map { $0 + base })
                }
                data = .utf8(s)
            case .dictionary:
                let dictionaries = parts.map(\.dictionary)
                let (values, indices) = DictionaryStorage.union(dictionaries, column: c0.name)
                data = .dictionary(DictionaryStorage(indices: Array(indices.joined()), values: values))
            }
            var validity: Validity?
            if parts.contains(where: { $0.validity != nil }) {
                var v = Validity()
                v.reserveCapacity(data.count)
                for p in parts {
                    for r in 0..<p.count { v.append(!p.isNull(r)) }
                }
                validity = v
            }
            columns.append(Column(name: c0.name, data: data, validity: validity))
        }
        return Table(columns: columns)
    }
}

extension DictionaryStorage {
    /// The dictionaries' values as one dictionary (in order of first appearance, part by part)
    /// and each part's indices into it (a part whose values are the first part's keeps its
    /// indices as they are).
    static func union(_ parts: [DictionaryStorage], column: String) -> (values: [String], indices: [[Index]]) {
        guard let first = parts.first else { return ([], []) }
        var values = first.values
        var lookup: [String: Index] = [:]
        for (i, v) in values.enumerated() where lookup[v] == nil { lookup[v] = Index(i) }
        let indices = parts.map { d -> [Index] in
            if d.values == first.values { return d.indices }
            let remap: [Index] = d.values.map { v in
                if let i = lookup[v] { return i }
                precondition(values.count < maxValues, "combined dictionary of \(column) exceeds \(maxValues) values")
                let i = Index(values.count)
                values.append(v)
                lookup[v] = i
                return i
            }
            return d.indices.map { remap[Int($0)] }
        }
        return (values, indices)
    }
}
