import ColumnStore

/// A calendar quarter (FSG-4.0), written `2022K1` in the tables (OUTPUTS.md).
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    /// 1...4.
    public var quarter: Int

    public init(year: Int, quarter: Int) {
        precondition((1...4).contains(quarter), "quarter \(quarter) is not 1...4")
        self.year = year
        self.quarter = quarter
    }

    /// The quarter holding `month`.
    public init(containing month: YearMonth) { self.init(year: month.year, quarter: (month.month - 1) / 3 + 1) }

    public var firstMonth: YearMonth { YearMonth(year: year, month: quarter * 3 - 2) }
    public var lastMonth: YearMonth { YearMonth(year: year, month: quarter * 3) }
    public var first: Day { firstMonth.first }
    public var last: Day { lastMonth.last }
    /// The quarter before this one.
    public var previous: Quarter { quarter == 1 ? Quarter(year: year - 1, quarter: 4) : Quarter(year: year, quarter: quarter - 1) }

    /// `2022K1`.
    public var label: String { "\(year)K\(quarter)" }
    public var description: String { label }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }
}
