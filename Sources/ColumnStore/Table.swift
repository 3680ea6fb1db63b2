/// An immutable-by-convention set of equally long, named columns.
public struct Table: Sendable {
    public var columns: [Column]
    public private(set) var rowCount: Int

    public init(columns: [Column]) {
        let n = columns.first?.count ?? 0
        for c in columns { precondition(c.count == n, "column \(c.name) has \(c.count) rows, expected \(n)") }
        self.columns = columns
        self.rowCount = n
    }

    /// A table with the given schema and no rows.
    public init(empty schema: Schema) {
        self.init(columns: schema.fields.map { f in
            let data: ColumnData = switch f.type {
            case .int32: .int32([])
            case .int64: .int64([])
            case .float64: .float64([])
            case .date32: .date32([])
            case .bool: .bool([])
            case .utf8: .utf8(StringStorage())
            case .dictionary: .dictionary(DictionaryStorage(indices: [], values: []))
            }
            return Column(name: f.name, data: data, validity: f.nullable ? Validity() : nil)
        })
    }

    public var schema: Schema { Schema(columns.map(\.field)) }

    /// The column named `name`, or `nil`.
    public subscript(name: String) -> Column? { columns.first { $0.name == name } }

    /// The column named `name`; a missing column is a programming error that names the table's columns.
    public func column(_ name: String) -> Column {
        guard let c = self[name] else {
            preconditionFailure("no column \(name) in table with columns \(columns.map(\.name))")
        }
        return c
    }

    /// Rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Table {
        Table(columns: columns.map { $0.gather(indices) })
    }
}

extension Table {
    /// Whether `other` has the same columns (names and order) holding the same buffers: the same
    /// values, nulls and dictionaries, stored alike (doubles compared bit for bit). Equal content
    /// stored differently (another dictionary order, an all-valid bitmap against none) is not
    /// identical; a caller that needs content equality compares further.
    public func isIdentical(to other: Table) -> Bool {
        guard columns.count == other.columns.count, rowCount == other.rowCount else { return false }
        return zip(columns, other.columns).allSatisfy { a, b in
            a.name == b.name && a.validity == b.validity && a.data.isIdentical(to: b.data)
        }
    }
}

extension ColumnData {
    /// Whether both hold the same type and the same buffers (see ``Table/isIdentical(to:)``).
    func isIdentical(to other: ColumnData) -> Bool {
        switch (self, other) {
        case let (.int32(a), .int32(b)), let (.date32(a), .date32(b)): a == b
        case let (.int64(a), .int64(b)): a == b
        case let (.float64(a), .float64(b)): a.elementsEqual(b) { $0.bitPattern == $1.bitPattern }
        case let (.bool(a), .bool(b)): a == b
        case let (.utf8(a), .utf8(b)): a == b
        case let (.dictionary(a), .dictionary(b)): a == b
        default: false
        }
    }
}
