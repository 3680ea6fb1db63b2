/// A bad record: it adds no row and goes to `rejects/SOURCE.csv` (INPUTS.md "What bad input gets").
public struct Reject: Sendable, Equatable, CustomStringConvertible {
    /// The source (folder) name, e.g. `ky`.
    public var source: String
    /// The delivery file's name, e.g. `ky_202301.csv.gz`.
    public var file: String
    /// 1-based physical line number in the inflated file.
    public var line: Int
    /// A short phrase from ``RejectReason`` (or a layout's own reason, such as
    /// SPELL-7), optionally followed by `": "` and detail. Never contains `;`.
    public var reason: String
    /// The line as it was, without its line end; bytes that are not valid UTF-8 written as
    /// `\xNN` and a backslash as `\\` (``RawLine``), so the bytes can be recovered.
    public var raw: String

    public init(source: String, file: String, line: Int, reason: String, raw: String) {
        self.source = source
        self.file = file
        self.line = line
        self.reason = reason
        self.raw = raw
    }

    /// The reason without its detail: the part before the first `": "`.
    public var phrase: String {
        if let r = reason.range(of: ": ") { return String(reason[..<r.lowerBound]) }
        return reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}

/// The short phrases a reject reason starts with.
public enum RejectReason: String, Sendable, CaseIterable {
    case wrongFieldCount = "wrong field count"
    case wrongRecordLength = "wrong record length"
    case badDate = "bad date"
    case badNumber = "bad number"
    case badPnr = "bad pnr"
    case unknownCode = "unknown code"
    case endBeforeStart = "end before start"
    case invalidUTF8 = "invalid UTF-8"
    case missingValue = "missing value"
}

/// A delivery refused whole: trailer missing or wrong, header wrong, or gzip
/// stream truncated or corrupt. Its rows (if any were read) are still in the
/// extract, marked by ``DeliveryInfo/refusal``, so a caller that accepts
/// partial data can keep them.
public struct Refusal: Sendable, Equatable, CustomStringConvertible {
    public var source: String
    /// The delivery file's name, e.g. `fleur_202301.dat.gz`.
    public var file: String
    /// The delivery file's full path.
    public var path: String
    /// What is wrong, without the file name, e.g. `trailer count 120 does not match 119 data records`.
    public var message: String

    public init(source: String, file: String, path: String, message: String) {
        self.source = source
        self.file = file
        self.path = path
        self.message = message
    }

    /// `file: message`, e.g. `fleur_202301.dat.gz: missing trailer`.
    public var description: String { "\(file): \(message)" }
}
