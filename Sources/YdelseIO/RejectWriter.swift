import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `rejects/SOURCE.csv` (OUTPUTS.md): header `source;file;line;reason;raw`,
/// one line per reject, UTF-8, LF line ends.
///
/// The file is written to `SOURCE.csv.tmp` and renamed into place, so a crash
/// never leaves a half-written rejects file.
public enum RejectWriter {
    public static let header = "source;file;line;reason;raw"

    /// Writes the rejects of `source` to `<rejectsDirectory>/<source>.csv`,
    /// creating the directory; an empty list writes the header only.
    /// Returns the file's path.
    @discardableResult
    public static func write(_ rejects: [Reject], source: String, rejectsDirectory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: rejectsDirectory, withIntermediateDirectories: true)
        let path = (rejectsDirectory as NSString).appendingPathComponent("\(source).csv")
        let tmp = path + ".tmp"
        try Data(csv(rejects).utf8).write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: tmp)
            throw IOError.cannotOpen(path: "\(path) (rename failed: \(reason))")
        }
        return path
    }

    /// The file's text. `raw` is the last field and is written as it is (it may
    /// contain `;`); a CR or LF inside it would break the line and is written
    /// as U+FFFD. Reasons never contain `;`.
    public static func csv(_ rejects: [Reject]) -> String {
        var out = header + "\n"
        for r in rejects {
            let raw = r.raw.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                ? String(r.raw.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? "\u{FFFD}" : $0 })
                : r.raw
            out += "\(r.source);\(r.file);\(r.line);\(r.reason.replacingOccurrences(of: ";", with: ","));\(raw)\n"
        }
        return out
    }
}
