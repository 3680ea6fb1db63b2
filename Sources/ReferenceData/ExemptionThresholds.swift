import ColumnStore

/// `fritagelse_graenser.csv`: the EXEMPT-3 thresholds by measured month.
public struct ExemptionThresholds: Sendable {
    /// The thresholds that apply in a range of measured months.
    public struct Row: Sendable, Hashable {
        public var fromMonth: YearMonth?
        public var toMonth: YearMonth?
        /// Share in percent that exempts while `dur(σ, E) < six`.
        public var sharePercentBeforeSix: Int
        /// MII days (code 92) that exempt while `dur(σ, E) < six`; nil: MII never exempts.
        public var miiDaysBeforeSix: Int?
        /// Share in percent that exempts from `six` on.
        public var sharePercentFromSix: Int

        public init(fromMonth: YearMonth?, toMonth: YearMonth?, sharePercentBeforeSix: Int, miiDaysBeforeSix: Int?, sharePercentFromSix: Int) {
            self.fromMonth = fromMonth
            self.toMonth = toMonth
            self.sharePercentBeforeSix = sharePercentBeforeSix
            self.miiDaysBeforeSix = miiDaysBeforeSix
            self.sharePercentFromSix = sharePercentFromSix
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The row for measured month `m` (the last matching row; the last row as fallback).
    public func row(for m: YearMonth) -> Row {
        rows.last { r in (r.fromMonth.map { m >= $0 } ?? true) && (r.toMonth.map { m <= $0 } ?? true) } ?? rows[rows.count - 1]
    }

    public static func load() throws -> ExemptionThresholds {
        let file = "fritagelse_graenser.csv"
        let t = try ReferenceTable.load("fritagelse_graenser")
        var rows: [Row] = []
        for (i, r) in t.records.enumerated() {
            func month(_ k: String) throws -> YearMonth? {
                let s = r[k] ?? ""
                if s.isEmpty { return nil }
                guard let m = YearMonth(s) else { throw ReferenceDataError(file: file, line: i + 2, reason: "bad \(k) \(s)") }
                return m
            }
            guard let a = Int(r["andel_foer_6"] ?? ""), let b = Int(r["andel_fra_6"] ?? "") else {
                throw ReferenceDataError(file: file, line: i + 2, reason: "bad share")
            }
            let mii = r["mii_dage_foer_6"].flatMap { Int($0) }
            rows.append(Row(fromMonth: try month("fra_maaned"), toMonth: try month("til_maaned"),
                            sharePercentBeforeSix: a, miiDaysBeforeSix: mii, sharePercentFromSix: b))
        }
        guard !rows.isEmpty else { throw ReferenceDataError(file: file, line: 0, reason: "no rows") }
        return ExemptionThresholds(rows: rows)
    }
}
