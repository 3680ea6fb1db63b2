import Foundation

/// A small `;`-separated reference file with a header, bundled with the project
/// under `Sources/ReferenceData/Resources/`.
public struct ReferenceTable: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[String]]

    /// Every reference file of `Sources/ReferenceData/Resources/`, compiled into the binary
    /// (Package.swift embeds each in code), sorted by name.
    static let embedded: [(name: String, bytes: [UInt8])] = [
        ("akasse_kommuner.csv", PackageResources.akasse_kommuner_csv),
        ("akasser.csv", PackageResources.akasser_csv),
        ("folkepensionsalder.csv", PackageResources.folkepensionsalder_csv),
        ("forsikring_timer.csv", PackageResources.forsikring_timer_csv),
        ("forsoeg_kalender.csv", PackageResources.forsoeg_kalender_csv),
        ("fritagelse_graenser.csv", PackageResources.fritagelse_graenser_csv),
        ("fritagelseskoder.csv", PackageResources.fritagelseskoder_csv),
        ("kommuner.csv", PackageResources.kommuner_csv),
        ("rule_windows.csv", PackageResources.rule_windows_csv),
        ("skema1.csv", PackageResources.skema1_csv),
        ("skema2_kommuner.csv", PackageResources.skema2_kommuner_csv),
    ]

    /// Loads `Resources/<name>.csv`. A missing or malformed reference file is a
    /// broken installation, reported with the file and line.
    public static func load(_ name: String) throws -> ReferenceTable {
        guard let file = embedded.first(where: { $0.name == "\(name).csv" }) else {
            throw ReferenceDataError(file: "\(name).csv", line: 0, reason: "reference file is not compiled into this build")
        }
        guard let text = String(validating: file.bytes, as: UTF8.self) else {
            throw ReferenceDataError(file: "\(name).csv", line: 0, reason: "reference file is not valid UTF-8")
        }
        return try parse(name: name, text: text)
    }

    /// Every reference file with its bytes, sorted by name; the pipeline fingerprints them so
    /// that a changed reference table makes checkpoints stale.
    public static func bundledFiles() throws -> [(name: String, data: Data)] {
        embedded.map { ($0.name, Data($0.bytes)) }
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

    /// The values of column `column` for every row; throws when the file has no such column.
    public func requiredValues(_ column: String) throws -> [String] {
        guard let i = header.firstIndex(of: column) else {
            throw ReferenceDataError(file: "\(name).csv", line: 1, reason: "no column \(column) (columns: \(header.joined(separator: ", ")))")
        }
        return rows.map { $0[i] }
    }

    /// The value of `load()` for a table compiled into the binary: a failure is a broken build,
    /// reported with the file and line before the process stops (as `DomainRules.standard` does),
    /// never an empty table that would turn every code into an "unknown code".
    public static func bundled<T>(_ load: () throws -> T) -> T {
        do { return try load() } catch { fatalError("broken installation: \(error)") }
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
