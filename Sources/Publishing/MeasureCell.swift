/// One cell of a monitoring table, kept exact so that the same table can be written to
/// `measures/` (exact) and to `published/` (discretised) (OUTPUTS.md "Tables").
public enum MeasureCell: Sendable, Hashable {
    /// A label (month, a-kasse, kategori …), written as is in both forms.
    case label(String)
    /// A count.
    case count(Int)
    /// A share as a fraction 0...1 (nil when undefined) resting on `basis` cases (DISC-4).
    case share(Double?, basis: Int)
    /// An average (nil when undefined) over `basis` cases.
    case average(Double?, basis: Int)
    /// An empty cell.
    case blank

    /// `part / whole` with `whole` as basis; undefined when `whole` is 0.
    public static func share(_ part: Int, of whole: Int) -> MeasureCell {
        .share(whole > 0 ? Double(part) / Double(whole) : nil, basis: whole)
    }

    /// `sum / n` with `n` as basis; undefined when `n` is 0.
    public static func average(sum: Int, count n: Int) -> MeasureCell {
        .average(n > 0 ? Double(sum) / Double(n) : nil, basis: n)
    }

    /// The exact form for `measures/`: counts as integers, shares as percent with two
    /// decimals (`84,99`), averages with two decimals, an undefined share or average empty.
    public var exact: String {
        switch self {
        case .label(let s): s
        case .count(let n): String(n)
        case .share(let f, _): f.map { DanishNumber.percent($0, decimals: 2) } ?? ""
        case .average(let v, _): v.map { DanishNumber.decimal($0, decimals: 2) } ?? ""
        case .blank: ""
        }
    }

    /// The published form under `style` (DISC-1..5).
    public func published(_ style: PublishedStyle) -> String {
        switch self {
        case .label(let s): s
        case .count(let n): Discretion.count(n, zero: style.zero)
        case .share(let f, let basis): Discretion.share(f, basis: basis, decimals: style.shareDecimals, undefined: style.undefined)
        case .average(let v, let basis): Discretion.average(v, basis: basis, decimals: style.averageDecimals)
        case .blank: ""
        }
    }
}

/// How one published table presents its cells (DISC-2, DISC-4, DISC-5).
public struct PublishedStyle: Sendable, Hashable {
    public var zero: ZeroSymbol
    public var undefined: UndefinedSymbol
    /// Decimals of shares in percent: 0 (whole percents) except Måling 4.1/4.2 (1).
    public var shareDecimals: Int
    /// Decimals of averages: 1 (the conversation averages).
    public var averageDecimals: Int

    public init(zero: ZeroSymbol, undefined: UndefinedSymbol = .dot, shareDecimals: Int = 0, averageDecimals: Int = 1) {
        self.zero = zero
        self.undefined = undefined
        self.shareDecimals = shareDecimals
        self.averageDecimals = averageDecimals
    }
}

/// A monitoring table: its file name, header, exact rows and published style.
public struct MeasureTable: Sendable, Hashable {
    /// File name, e.g. `m1_1_paabegyndte.csv`.
    public var name: String
    public var header: [String]
    public var rows: [[MeasureCell]]
    public var style: PublishedStyle

    public init(name: String, header: [String], rows: [[MeasureCell]] = [], style: PublishedStyle) {
        self.name = name
        self.header = header
        self.rows = rows
        self.style = style
    }

    public mutating func append(_ row: [MeasureCell]) {
        precondition(row.count == header.count, "\(name): row has \(row.count) cells, header \(header.count)")
        rows.append(row)
    }

    /// The table for `measures/` (exact figures).
    public var exactCSV: CSVTable { CSVTable(header: header, rows: rows.map { $0.map(\.exact) }) }

    /// The table for `published/` (discretised).
    public var publishedCSV: CSVTable { CSVTable(header: header, rows: rows.map { $0.map { $0.published(style) } }) }
}
