import ColumnStore

/// Calendar helpers for the simulation (CONV-3, CONV-4).
enum Cal {
    /// The monthly payment slices of a dagpenge period `s..e`: each calendar month's part with
    /// weekdays, its weekday count, and its hours × 100 pro rata of a full month (`full`, 16033 or 13000) by weekdays.
    static func monthlySlices(_ s: Day, _ e: Day, full: Int) -> [(fra: Day, til: Day, weekdays: Int, timer: Int)] {
        var out: [(fra: Day, til: Day, weekdays: Int, timer: Int)] = []
        var m = s.yearMonth
        while m <= e.yearMonth {
            let fra = maxDay(s, m.first), til = minDay(e, m.last)
            m = m.advanced(by: 1)
            let wd = weekdays(fra, til)
            if wd == 0 { continue }
            let wdm = weekdays(in: fra.yearMonth)
            out.append((fra, til, wd, (full * wd + wdm / 2) / wdm))
        }
        return out
    }

    static func overlaps(_ r: ClosedRange<Day>, _ a: Day, _ b: Day) -> Bool { r.lowerBound <= b && a <= r.upperBound }

    static func minDay(_ a: Day, _ b: Day) -> Day { a < b ? a : b }
    static func maxDay(_ a: Day, _ b: Day) -> Day { a < b ? b : a }
}
