import ColumnStore

/// An optional ISO date cell of row `row` (0-based, after the header) of a bundled reference
/// file: nil when empty, an error naming the file and line when it is not a date.
func parseOptionalDay(_ text: String, file: String, row: Int) throws -> Day? {
    if text.isEmpty { return nil }
    guard let d = Day(iso: text) else {
        throw ReferenceDataError(file: file, line: row + 2, reason: "bad date \(text)")
    }
    return d
}
