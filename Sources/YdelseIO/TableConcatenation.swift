import ColumnStore

/// Appends tables of one schema into one table, each buffer copied once.
enum TableConcatenation {
    /// The rows of `tables` in order. Every table must have `schema`'s
    /// columns and types; dictionary columns with different dictionaries are remapped
    /// onto the first table's dictionary extended by the new values.
    static func concatenate(_ tables: [Table], schema: Schema) -> Table {
        guard tables.count != 1 else { return tables[0] }
        guard !tables.isEmpty else { return Table(empty: schema) }
        let total = tables.reduce(0) { $0 + $1.rowCount }
        let columns = schema.fields.enumerated().map { c, field in
            let parts = tables.map { $0.columns[c] }
            precondition(parts.allSatisfy { $0.name == field.name && $0.type == field.type },
                         "concatenating tables whose column \(c) is not \(field)")
            let validity = field.nullable ? concatenateValidity(parts, total: total) : nil
            return Column(name: field.name, data: concatenateData(parts.map(\.data), type: field.type, total: total),
                          validity: validity)
        }
        return Table(columns: columns)
    }

    private static func concatenateData(_ parts: [ColumnData], type: ColumnType, total: Int) -> ColumnData {
        func joined<T>(_ arrays: [[T]]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(total)
            for a in arrays { out.append(contentsOf: a) }
            return out
        }
        switch type {
        case .int32: return .int32(joined(parts.map { if case .int32(let v) = $0 { v } else { [] } }))
        case .int64: return .int64(joined(parts.map { if case .int64(let v) = $0 { v } else { [] } }))
        case .float64: return .float64(joined(parts.map { if case .float64(let v) = $0 { v } else { [] } }))
        case .date32: return .date32(joined(parts.map { if case .date32(let v) = $0 { v } else { [] } }))
        case .bool: return .bool(joined(parts.map { if case .bool(let v) = $0 { v } else { [] } }))
        case .utf8:
            let storages = parts.map { if case .utf8(let s) = $0 { s } else { StringStorage() } }
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(total + 1)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(storages.reduce(0) { $0 + $1.bytes.count })
            for s in storages {
                let base = Int32(bytes.count) - s.offsets[0]
                offsets.append(contentsOf: s.offsets.dropFirst().lazy.map { $0 + base })
                bytes.append(contentsOf: s.bytes[Int(s.offsets[0])...])
            }
            return .utf8(StringStorage(offsets: offsets, bytes: bytes))
        case .dictionary:
            let dicts = parts.map { if case .dictionary(let d) = $0 { d } else { DictionaryStorage(indices: [], values: []) } }
            var values = dicts.first { !$0.values.isEmpty }?.values ?? []
            var position = Dictionary(values.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
            var indices: [Int32] = []
            indices.reserveCapacity(total)
            for d in dicts {
                if d.values == values || d.indices.isEmpty {
                    indices.append(contentsOf: d.indices)
                    continue
                }
                let remap = d.values.map { v -> Int32 in
                    if let i = position[v] { return i }
                    values.append(v)
                    position[v] = Int32(values.count - 1)
                    return Int32(values.count - 1)
                }
                indices.append(contentsOf: d.indices.lazy.map { remap[Int($0)] })
            }
            return .dictionary(DictionaryStorage(indices: indices, values: values))
        }
    }

    private static func concatenateValidity(_ parts: [Column], total: Int) -> Validity {
        var bytes = [UInt8](repeating: 0, count: (total + 7) / 8)
        var row = 0
        for part in parts {
            for i in 0..<part.count where !part.isNull(i) {
                bytes[(row + i) >> 3] |= 1 << UInt8((row + i) & 7)
            }
            row += part.count
        }
        return Validity(bytes: bytes, count: total)
    }
}
