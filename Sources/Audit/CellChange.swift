/// One changed cell of a measures or published table between two run folders.
public struct CellChange: Sendable, Hashable, Codable {
    /// `measures/jobsamtaler.csv`, `published/status.csv`, …
    public var table: String
    /// The row's key columns and values, in column order (e.g. `maaned=2023M06`).
    public var key: [KeyValue]
    /// The value column; `nil` when the whole row was added or removed.
    public var column: String?
    /// The old and new value; `nil` when the row did not exist on that side.
    public var old: String?
    public var new: String?
    /// Persons (pnr) whose rows moved and who land in this cell on either side.
    public var persons: [String]
    /// Forløb (forloeb_id) whose rows moved and who land in this cell on either side.
    public var forloeb: [String]

    /// One key column and its value.
    public struct KeyValue: Sendable, Hashable, Codable {
        public var column: String
        public var value: String
        public init(_ column: String, _ value: String) {
            self.column = column
            self.value = value
        }
    }

    /// The value of key column `name`, if the key has it.
    public func keyValue(_ name: String) -> String? { key.first { $0.column == name }?.value }
}
