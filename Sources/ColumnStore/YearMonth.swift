/// A calendar month, such as the reporting month M.
public struct YearMonth: Hashable, Comparable, Sendable, Strideable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    @inlinable public init(year: Int, month: Int) {
        precondition(month >= 1 && month <= 12, "month out of range: \(month)")
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (the command line) or `YYYYMM` (delivery file names).
    public init?(_ text: String) {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), let v = Int(digits) else { return nil }
        let y = v / 100, m = v % 100
        guard m >= 1, m <= 12, y >= 1 else { return nil }
        self.init(year: y, month: m)
    }

    /// Months since year 0, handy as a dense index.
    @inlinable public var index: Int { year * 12 + (month - 1) }
    @inlinable public init(index: Int) { self.init(year: index / 12, month: index % 12 + 1) }

    @inlinable public var first: Day { Day(year: year, month: month, day: 1)! }
    @inlinable public var last: Day { Day(year: year, month: month, day: dayCount)! }
    @inlinable public var dayCount: Int { Day.daysInMonth(year: year, month: month) }
    @inlinable public var days: ClosedRange<Day> { first...last }

    /// `YYYY-MM`.
    public var description: String { format4(year) + "-" + pad2(month) }
    /// `YYYYMM`, as in delivery file names and output folders.
    public var compact: String { format4(year) + pad2(month) }
    /// `2022M03`, as in the published tables.
    public var label: String { format4(year) + "M" + pad2(month) }

    @inlinable public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
    @inlinable public func distance(to other: YearMonth) -> Int { other.index - index }
    @inlinable public func advanced(by n: Int) -> YearMonth { YearMonth(index: index + n) }
}
