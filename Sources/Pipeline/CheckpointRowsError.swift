import ColumnStore

/// Rows were asked from past the end of a checkpoint.
public struct CheckpointRowsError: Error, CustomStringConvertible {
    public var start: Int, rows: Int
    public var description: String { "rows from \(start) asked of a table of \(rows) rows" }

    /// The rows of `table` from `start` on, or this error when it has fewer.
    static func rows(of table: Table, from start: Int) throws -> Table {
        guard start <= table.rowCount else { throw CheckpointRowsError(start: start, rows: table.rowCount) }
        return table.suffix(from: start)
    }
}
