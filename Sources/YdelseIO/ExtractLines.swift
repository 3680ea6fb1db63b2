import ColumnStore

/// The `_line` column of an extract table: each row's 1-based line number in its delivery file,
/// stored so that it costs almost nothing.
///
/// A delivery's rows are its accepted data lines in file order, so a row's line is nearly always
/// the line after the row before's. Such a line is stored as null; a line is written only where
/// the numbering jumps: the first row of every delivery (after the header or start record) and
/// the row after a rejected line. Line numbers that count up one by one cost zstd about 2.6 bytes
/// a row (a fifth of an extract checkpoint at national scale); stored this way they cost nothing.
/// Because every delivery's first row holds its line, the rows of deliveries stored apart (the
/// delivery cache's entries) can be concatenated as stored.
///
/// ``decode(_:)`` gives every row's line.
public enum ExtractLines {
    /// The column's name.
    public static let name = "_line"

    /// The `_line` column for rows with line numbers `lines`, row r from delivery `delivery[r]`.
    ///
    /// - Precondition: `delivery.count == lines.count`.
    public static func encode(_ lines: [Int32], delivery: [Int32]) -> Column {
        precondition(delivery.count == lines.count, "one delivery index per line")
        let n = lines.count
        var values = [Int32](repeating: 0, count: n)
        var bits = [UInt8](repeating: 0, count: (n + 7) / 8)
        for r in 0..<n where r == 0 || delivery[r] != delivery[r - 1] || lines[r] != lines[r - 1] &+ 1 {
            values[r] = lines[r]
            bits[r >> 3] |= 1 << UInt8(r & 7)
        }
        return Column(name: name, data: .int32(values), validity: Validity(bytes: bits, count: n))
    }

    /// Every row's line number: a stored line as it is, a null the line after the row before's.
    /// A column without nulls (every line written) is returned as it is.
    public static func decode(_ column: Column) -> [Int32] {
        let values = column.int32Values
        guard let validity = column.validity else { return values }
        var lines = [Int32](repeating: 0, count: values.count)
        var previous: Int32 = 0
        for r in values.indices {
            previous = validity[r] ? values[r] : previous &+ 1
            lines[r] = previous
        }
        return lines
    }
}
