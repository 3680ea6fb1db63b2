/// A calendar day, stored as the number of days since 1970-01-01.
///
/// This is the same representation as Arrow's `date32`, so a column of days
/// is written to a checkpoint without conversion. All arithmetic is on the
/// proleptic Gregorian calendar; there are no time zones.
public struct Day: Hashable, Comparable, Sendable, Strideable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var rawValue: Int32

    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The day `year-month-day`, or `nil` when it does not exist (2021-02-30).
    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard month >= 1, month <= 12, day >= 1, year >= 1, year <= 9999,
              day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.rawValue = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: Substring) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        guard let y = Day.digits(u, 0, 4), let m = Day.digits(u, 5, 2), let d = Day.digits(u, 8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init?(iso text: String) { self.init(iso: Substring(text)) }

    @usableFromInline
    static func digits(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for i in start..<(start + count) {
            let c = u[i] &- UInt8(ascii: "0")
            guard c < 10 else { return nil }
            v = v * 10 + Int(c)
        }
        return v
    }

    /// Year, month (1-12) and day of month (1-31).
    @inlinable
    public var components: (year: Int, month: Int, day: Int) {
        Day.civilFromDays(Int(rawValue))
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var dayOfMonth: Int { components.day }

    /// ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday.
    @inlinable
    public var isoWeekday: Int {
        let r = (Int(rawValue) + 3) % 7   // 0 = Monday
        return (r < 0 ? r + 7 : r) + 1
    }

    /// Monday to Friday (CONV-4; public holidays are not removed).
    @inlinable public var isWeekday: Bool { isoWeekday <= 5 }

    /// The month this day falls in.
    @inlinable public var yearMonth: YearMonth {
        let c = components
        return YearMonth(year: c.year, month: c.month)
    }

    /// `YYYY-MM-DD`. Written digit by digit into the string's own ten bytes for years 0...9999
    /// (every date of a run: dates of talks are listed per measured person); other years as
    /// their number padded to four digits.
    public var description: String {
        let c = components
        guard (0...9999).contains(c.year) else { return format4(c.year) + "-" + pad2(c.month) + "-" + pad2(c.day) }
        return String(unsafeUninitializedCapacity: 10) { b in
            func digits(_ v: Int, _ width: Int, at start: Int) {
                var v = v
                for i in stride(from: start + width - 1, through: start, by: -1) { b[i] = UInt8(48 + v % 10); v /= 10 }
            }
            digits(c.year, 4, at: 0)
            b[4] = 45   // "-"
            digits(c.month, 2, at: 5)
            b[7] = 45
            digits(c.day, 2, at: 8)
            return 10
        }
    }

    @inlinable public static func < (a: Day, b: Day) -> Bool { a.rawValue < b.rawValue }
    @inlinable public func distance(to other: Day) -> Int { Int(other.rawValue) - Int(rawValue) }
    @inlinable public func advanced(by n: Int) -> Day { Day(rawValue: rawValue + Int32(n)) }
    @inlinable public static func + (d: Day, n: Int) -> Day { d.advanced(by: n) }
    @inlinable public static func - (d: Day, n: Int) -> Day { d.advanced(by: -n) }
    @inlinable public static func - (a: Day, b: Day) -> Int { b.distance(to: a) }

    /// Adds `n` calendar months keeping the day of month, clamped to the
    /// last day of the target month (CONV-3: 2020-02-29 − 12 months = 2019-02-28).
    public func addingMonths(_ n: Int) -> Day {
        let c = components
        let target = YearMonth(year: c.year, month: c.month).advanced(by: n)
        let d = min(c.day, target.dayCount)
        return Day(year: target.year, month: target.month, day: d)!
    }

    // MARK: civil calendar (H. Hinnant's algorithms)

    @inlinable
    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    @inlinable
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

@usableFromInline func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
@usableFromInline func format4(_ v: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
