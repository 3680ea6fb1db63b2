import ColumnStore
import Foundation

/// The text `ydelse inspect FILE` prints for an Arrow IPC file.
public enum ArrowInspector {
    /// Marks a null value in the row table.
    public static let nullMarker = "∅"

    /// Describes the file at `url`: its schema (`name: type`, nullable or
    /// not), the schema's custom metadata, the row and record batch count and
    /// the first `rows` rows as an aligned text table. Only the record
    /// batches holding those rows are decoded.
    public static func describe(url: URL, rows: Int = 10) throws -> String {
        let c = try ArrowFileReader.read(from: url, maxRows: max(rows, 0))
        var out = "File: \(url.path)\n"
        let fields = c.table.schema.fields
        out += "Schema (\(fields.count) column\(fields.count == 1 ? "" : "s")):\n"
        for f in fields {
            out += "  \(f.name): \(f.type.rawValue)\(f.nullable ? ", nullable" : "")\n"
        }
        if c.metadata.isEmpty {
            out += "Metadata: none\n"
        } else {
            out += "Metadata:\n"
            for (k, v) in c.metadata.sorted(by: { $0.key < $1.key }) { out += "  \(k) = \(v)\n" }
        }
        out += "Rows: \(c.totalRows) in \(c.recordBatchCount) record batch\(c.recordBatchCount == 1 ? "" : "es")"
        out += c.compression.map { ", \($0.name) compressed" } ?? ""
        out += "\n"
        guard !fields.isEmpty, c.table.rowCount > 0 else { return out }
        out += c.table.rowCount < c.totalRows ? "First \(c.table.rowCount) rows:\n" : "All rows:\n"
        out += textTable(c.table)
        return out
    }

    /// `table` as aligned text: a header, a rule, one line per row; numbers
    /// right-aligned, text left-aligned, nulls as ``nullMarker``.
    static func textTable(_ table: Table) -> String {
        let columns = table.columns
        let cells: [[String]] = columns.map { c in (0..<table.rowCount).map { c.text(at: $0) ?? nullMarker } }
        let widths = columns.indices.map { i in cells[i].reduce(columns[i].name.count) { max($0, $1.count) } }
        let rightAligned = columns.map { [.int32, .int64, .float64].contains($0.type) }
        func pad(_ s: String, _ width: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: width - s.count)
            return right ? fill + s : s + fill
        }
        func line(_ parts: [String]) -> String {
            var l = parts.joined(separator: " | ")
            while l.last == " " { l.removeLast() }
            return l + "\n"
        }
        var out = line(columns.indices.map { pad(columns[$0].name, widths[$0], right: rightAligned[$0]) })
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
        for r in 0..<table.rowCount {
            out += line(columns.indices.map { pad(cells[$0][r], widths[$0], right: rightAligned[$0]) })
        }
        return out
    }
}
