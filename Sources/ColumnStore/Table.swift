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
