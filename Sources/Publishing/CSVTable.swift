import Foundation

/// A CSV table as the contract writes them (OUTPUTS.md "Tables"): UTF-8, `;`-separated,
/// header first, one row per line, LF line ends, and RFC 4180 quoting for a field that holds
/// `;`, `"`, CR or LF (the quote doubled inside). This is the one CSV writer of the project:
/// measures, published tables and rejects all go through it.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// Appends a row; it must have as many fields as the header.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row has \(row.count) fields, header has \(header.count)")
        rows.append(row)
    }

    /// The file's bytes.
    public var data: Data { Data(text.utf8) }

    /// The file's text.
    public var text: String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * 48)
        Self.appendLine(header, to: &out)
        for r in rows { Self.appendLine(r, to: &out) }
        return out
    }

    /// One field as written: quoted when it holds the separator, a quote or a line break.
    public static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func appendLine(_ fields: [String], to out: inout String) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(";") }
            out.append(field(f))
        }
        out.append("\n")
    }

    /// Parses text written by ``text`` (or any `;`-separated RFC 4180 text with a header).
    public static func parse(_ text: String) throws -> CSVTable {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var it = Array(text.unicodeScalars)[...]
        var atFieldStart = true
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" { field.unicodeScalars.append("\""); it = it.dropFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ";":
                record.append(field); field = ""; atFieldStart = true
            case "\r" where it.first == "\n":
                continue
            case "\n":
                record.append(field); field = ""; atFieldStart = true
                records.append(record); record = []
            default:
                field.unicodeScalars.append(c)
                atFieldStart = false
            }
        }
        if quoted { throw CSVParseError(reason: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { throw CSVParseError(reason: "no header line") }
        for (i, r) in records.enumerated() where r.count != header.count {
            throw CSVParseError(reason: "line \(i + 1) has \(r.count) fields, header has \(header.count)")
        }
        return CSVTable(header: header, rows: Array(records.dropFirst()))
    }

    /// The index of column `name`, or an error naming the missing column.
    public func column(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw CSVParseError(reason: "no column '\(name)' (columns: \(header.joined(separator: ", ")))")
        }
        return i
    }
}

/// CSV text could not be parsed.
public struct CSVParseError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "malformed CSV: \(reason)" }
}
