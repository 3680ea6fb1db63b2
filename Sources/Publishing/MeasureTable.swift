/// A monitoring table: its file name, header, exact rows and published style.
public struct MeasureTable: Sendable, Hashable {
    /// File name, e.g. `m1_1_paabegyndte.csv`.
    public var name: String
    public var header: [String]
    public var rows: [[MeasureCell]]
    public var style: PublishedStyle

    public init(name: String, header: [String], rows: [[MeasureCell]] = [], style: PublishedStyle) {
        self.name = name
        self.header = header
        self.rows = rows
        self.style = style
    }

    public mutating func append(_ row: [MeasureCell]) {
        precondition(row.count == header.count, "\(name): row has \(row.count) cells, header \(header.count)")
        rows.append(row)
    }

    /// The table for `measures/` (exact figures).
    public var exactCSV: CSVTable { CSVTable(header: header, rows: rows.map { $0.map(\.exact) }) }

    /// The table for `published/` (discretised).
    public var publishedCSV: CSVTable { CSVTable(header: header, rows: rows.map { $0.map { $0.published(style) } }) }
}
