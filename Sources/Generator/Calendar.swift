import ColumnStore

/// Calendar helpers for the simulation (CONV-3, CONV-4).
enum Cal {
    /// Weekdays (Mon–Fri) in `a...b`; 0 when b < a.
    static func weekdays(_ a: Day, _ b: Day) -> Int {
        if b < a { return 0 }
        let n = b - a + 1
        var count = (n / 7) * 5
        var d = a + (n / 7) * 7
        while d <= b {
            if d.isWeekday { count += 1 }
            d = d + 1
        }
        return count
    }

    /// Weekdays in the month of `m`.
    static func weekdays(in m: YearMonth) -> Int { weekdays(m.first, m.last) }

    static func overlaps(_ r: ClosedRange<Day>, _ a: Day, _ b: Day) -> Bool { r.lowerBound <= b && a <= r.upperBound }

    static func minDay(_ a: Day, _ b: Day) -> Day { a < b ? a : b }
    static func maxDay(_ a: Day, _ b: Day) -> Day { a < b ? b : a }
}
