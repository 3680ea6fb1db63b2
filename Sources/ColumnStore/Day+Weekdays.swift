// Weekday counts (RULES.md CONV-4), shared by the rules (Domain) and the generator.

/// Number of weekdays (CONV-4) in `a...b`; 0 when a > b.
@inlinable public func weekdays(_ a: Day, _ b: Day) -> Int {
    guard a <= b else { return 0 }
    let n = b - a + 1
    var count = (n / 7) * 5
    let rem = n % 7
    if rem > 0 {
        var wd = a.isoWeekday
        for _ in 0..<rem {
            if wd <= 5 { count += 1 }
            wd = wd == 7 ? 1 : wd + 1
        }
    }
    return count
}

/// `wd(m)`: weekdays of month m (CONV-4).
@inlinable public func weekdays(in m: YearMonth) -> Int { weekdays(m.first, m.last) }
