/// One cell of a published table, with where it came from.
///
/// Pages show ``text`` verbatim (the published presentation) and mark the element with
/// ``source`` (`data-src="m1_1_paabegyndte.csv:12:antal"`), so a test can trace every figure on
/// a page back to its cell.
public struct PublishedCell: Sendable, Equatable {
    /// The file name, e.g. `m1_1_paabegyndte.csv`.
    public var file: String
    /// The data row, 1-based (the header is row 0, so this is the line number minus one).
    public var row: Int
    /// The column name.
    public var column: String
    /// The cell's text as published.
    public var text: String

    public init(file: String, row: Int, column: String, text: String) {
        self.file = file
        self.row = row
        self.column = column
        self.text = text
    }

    /// The cell's value.
    public var value: PublishedValue { PublishedValue(text) }

    /// `file:row:column`, the value of the `data-src` attribute.
    public var source: String { "\(file):\(row):\(column)" }
}
