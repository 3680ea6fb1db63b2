import Foundation

/// A small `;`-separated reference file with a header, bundled with the project
/// under `Sources/ReferenceData/Resources/`.
public struct ReferenceTable: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[String]]

    /// Loads `Resources/<name>.csv`. A missing or malformed reference file is a
    /// broken installation, reported with the file and line.
    public static func load(_ name: String) throws -> ReferenceTable {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources") else {
            throw ReferenceDataError(file: "\(name).csv", line: 0, reason: "reference file is missing from the bundle")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try parse(name: name, text: text)
    }

    /// Every bundled reference file (`Resources/*.csv`) with its bytes, sorted by name; the
    /// pipeline fingerprints them so that a changed reference table makes checkpoints stale.
    public static func bundledFiles() throws -> [(name: String, data: Data)] {
        guard let dir = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ReferenceDataError(file: "Resources", line: 0, reason: "the reference data folder is missing from the bundle")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".csv") }.sorted()
        return try names.map { ($0, try Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    /// Parses reference text; lines starting with `#` and blank lines are ignored.
    public static func parse(name: String, text: String) throws -> ReferenceTable {
        var header: [String]?
        var rows: [[String]] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if let h = header {
                guard fields.count == h.count else {
                    throw ReferenceDataError(file: "\(name).csv", line: i + 1, reason: "expected \(h.count) fields, found \(fields.count)")
                }
                rows.append(fields)
            } else {
                header = fields
            }
        }
        return ReferenceTable(name: name, header: header ?? [], rows: rows)
    }

    /// The values of column `column` for every row.
    public func values(_ column: String) -> [String] {
        guard let i = header.firstIndex(of: column) else { return [] }
        return rows.map { $0[i] }
    }

    /// Rows as dictionaries keyed by header name.
    public var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

/// A problem in a bundled reference file.
public struct ReferenceDataError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "reference data \(file):\(line): \(reason)" }
}
