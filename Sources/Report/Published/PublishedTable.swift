import Publishing

/// A published CSV file, read with ``CSVTable/parse(_:)``, with lookups by key columns.
public struct PublishedTable: Sendable {
    /// The file name, e.g. `status.csv`.
    public let name: String
    public let csv: CSVTable

    /// The label columns that identify a row, and for each combination of their values the row.
    let keys: [String]
    private let index: [[String]: Int]

    /// Parses `data` as the published file `name`; checks that it has the layout's columns.
    public init(name: String, data: [UInt8], layout: PublishedLayout) throws {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ReportError.malformed(file: name, reason: "not UTF-8")
        }
        let table: CSVTable
        do {
            table = try CSVTable.parse(text)
        } catch {
            throw ReportError.malformed(file: name, reason: "\(error)")
        }
        for c in layout.columns where !table.header.contains(c) {
            throw ReportError.malformed(file: name, reason: "no column '\(c)' (columns: \(table.header.joined(separator: ", ")))")
        }
        let positions = layout.keys.map { table.header.firstIndex(of: $0)! }
        var index: [[String]: Int] = [:]
        for (i, r) in table.rows.enumerated() {
            let key = positions.map { r[$0] }
            if index[key] == nil { index[key] = i }  // the first row wins, as in rows(where:)
        }
        self.name = name
        self.csv = table
        self.keys = layout.keys
        self.index = index
    }

    /// One row of the table.
    public struct Row: Sendable {
        let table: PublishedTable
        /// 1-based data row.
        public let index: Int
        let fields: [String]

        /// The text of column `column` ("" when the column does not exist).
        public subscript(_ column: String) -> String {
            guard let i = table.csv.header.firstIndex(of: column) else { return "" }
            return fields[i]
        }

        /// The cell of column `column`.
        public func cell(_ column: String) -> PublishedCell {
            PublishedCell(file: table.name, row: index, column: column, text: self[column])
        }
    }

    /// Every row, in file order.
    public var rows: [Row] {
        csv.rows.enumerated().map { Row(table: self, index: $0.offset + 1, fields: $0.element) }
    }

    /// The rows whose columns equal the given values, in file order.
    public func rows(where match: [String: String]) -> [Row] {
        let idx = match.map { (csv.header.firstIndex(of: $0.key), $0.value) }
        if idx.contains(where: { $0.0 == nil }) { return [] }
        return csv.rows.enumerated().compactMap { i, r in
            idx.allSatisfy { r[$0.0!] == $0.1 } ? Row(table: self, index: i + 1, fields: r) : nil
        }
    }

    /// The first row whose columns equal the given values (a hash lookup when `match` names
    /// exactly the label columns).
    public func row(_ match: [String: String]) -> Row? {
        if match.count == keys.count, case let values = keys.compactMap({ match[$0] }), values.count == keys.count {
            return index[values].map { Row(table: self, index: $0 + 1, fields: csv.rows[$0]) }
        }
        return rows(where: match).first
    }

    /// The cell of `column` in the first row matching `match`, or nil.
    public func cell(_ match: [String: String], _ column: String) -> PublishedCell? {
        row(match)?.cell(column)
    }

    /// The distinct values of `column`, in order of first appearance.
    public func distinct(_ column: String) -> [String] {
        guard let i = csv.header.firstIndex(of: column) else { return [] }
        var seen = Set<String>()
        return csv.rows.compactMap { seen.insert($0[i]).inserted ? $0[i] : nil }
    }
}
