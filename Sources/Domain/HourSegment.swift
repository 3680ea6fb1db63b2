import ColumnStore

/// A run of days that each get the same hours from one paid FLEUR record (DUR-3):
/// every weekday in `from...to` gets `perDay / den` hundredths of an hour, or, for a
/// record without any weekday, the single day `from == to` (its `periode_til`) gets them all.
public struct HourSegment: Sendable, Hashable {
    public var from: Day
    public var to: Day
    /// Hundredths of an hour per counted day, times `den`.
    public var perDay: Int64
    public var den: Int64
    /// False only for a record without weekdays (all hours on `periode_til`).
    public var weekdaysOnly: Bool
    /// Index of the paid group (DUR-2) this segment came from.
    public var group: Int32

    /// Number of counted days in `a...b` that are not in `excluded`.
    @inlinable public func countedDays(_ a: Day, _ b: Day, excluding excluded: [DayInterval]) -> Int64 {
        let lo = max(a, from), hi = min(b, to)
        guard lo <= hi else { return 0 }
        if !weekdaysOnly { return IntervalSet.contains(excluded, lo) ? 0 : 1 }
        return Int64(weekdays(lo, hi) - IntervalSet.weekdayCount(excluded, in: lo, hi))
    }

    /// Does day `d` get hours from this segment?
    @inlinable public func covers(_ d: Day) -> Bool {
        d >= from && d <= to && (!weekdaysOnly || d.isWeekday)
    }
}
