import Publishing

/// The table of `rejects/SOURCE.csv` (OUTPUTS.md): header `source;file;line;reason;raw`, one
/// row per reject, written by the one CSV writer (``CSVTable``: `;`-separated, RFC 4180
/// quoting, UTF-8, LF line ends), so any CSV reader opens it. `raw` is the line as delivered
/// (it holds `;` and is then quoted); bytes that are not UTF-8 appear as `\xNN` (``RawLine``).
public enum RejectWriter {
    /// The columns of a rejects file.
    public static let header = ["source", "file", "line", "reason", "raw"]

    /// The rejects as a CSV table.
    public static func table(_ rejects: [Reject]) -> CSVTable {
        var t = CSVTable(header: header)
        t.rows.reserveCapacity(rejects.count)
        for r in rejects {
            t.rows.append([r.source, r.file, String(r.line), r.reason, r.raw])
        }
        return t
    }
}
