/// The logical type of a column. Each maps one-to-one onto an Arrow type.
public enum ColumnType: String, Sendable, Equatable, CaseIterable {
    /// Arrow `int32`.
    case int32
    /// Arrow `int64`. Also used for the compact pnr key and for hundredths of hours.
    case int64
    /// Arrow `float64`.
    case float64
    /// Arrow `date32` (days since 1970-01-01), see ``Day``.
    case date32
    /// Arrow `bool`.
    case bool
    /// Arrow `utf8`.
    case utf8
    /// Arrow `dictionary<values: utf8, indices: int8>`: codes, kommune and a-kasse.
    case dictionary
}

/// A column's name, type and nullability.
public struct Field: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var type: ColumnType
    public var nullable: Bool

    public init(_ name: String, _ type: ColumnType, nullable: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }

    public var description: String { "\(name): \(type.rawValue)\(nullable ? "?" : "")" }
}

/// The ordered fields of a table.
public struct Schema: Sendable, Equatable, CustomStringConvertible {
    public var fields: [Field]
    public init(_ fields: [Field]) { self.fields = fields }
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }
    public var description: String { fields.map(\.description).joined(separator: ", ") }
}
