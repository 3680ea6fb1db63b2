import ColumnStore
import ReferenceData

/// An exact, non-negative amount of hours kept as hundredths of an hour:
/// an integer part plus a few proper fractions `num/den` (CONV-5). Rounding
/// to 0.01 half up (DUR-7) is exact; binary floating point is never used for
/// a comparison with a threshold such as 1923.96.
public struct ExactHours: Sendable, CustomStringConvertible {
    /// Whole hundredths of an hour.
    public private(set) var whole: Int64 = 0
    /// Proper fractions of a hundredth, one per denominator: (den, num) with 0 <= num < den.
    public private(set) var fractions: [Frac] = []

    public struct Frac: Sendable, Hashable {
        public var den: Int64
        public var num: Int64
    }

    public init() {}

    /// `hundredths` whole hundredths of an hour.
    public init(hundredths: Int64) { whole = hundredths }

    /// Adds `num / den` hundredths of an hour (num >= 0, den > 0).
    public mutating func add(_ num: Int64, over den: Int64) {
        if num == 0 { return }
        if den == 1 { whole += num; return }
        whole += num / den
        let r = num % den
        if r == 0 { return }
        for i in fractions.indices where fractions[i].den == den {
            var n = fractions[i].num + r
            if n >= den { n -= den; whole += 1 }
            fractions[i].num = n
            return
        }
        fractions.append(Frac(den: den, num: r))
    }

    public mutating func add(_ other: ExactHours) {
        whole += other.whole
        for f in other.fractions { add(f.num, over: f.den) }
    }

    public static func + (a: ExactHours, b: ExactHours) -> ExactHours {
        var r = a
        r.add(b)
        return r
    }

    /// DUR-7: rounded half up to 0.01 h, in hundredths.
    public var roundedHundredths: Int64 {
        let nonzero = fractions.filter { $0.num != 0 }
        if nonzero.isEmpty { return whole }
        // Exact path: common denominator.
        var l: Int64 = 1
        var ok = true
        for f in nonzero {
            let g = gcd(l, f.den)
            let (p, o) = (l / g).multipliedReportingOverflow(by: f.den)
            if o { ok = false; break }
            l = p
        }
        if ok {
            var total: Int64 = 0
            for f in nonzero {
                let (t, o1) = (l / f.den).multipliedReportingOverflow(by: f.num)
                let (s, o2) = total.addingReportingOverflow(t)
                if o1 || o2 { ok = false; break }
                total = s
            }
            if ok {
                // floor(total / l + 1/2) = floor((2 total + l) / (2 l))
                let (t2, o3) = total.multipliedReportingOverflow(by: 2)
                let (n, o4) = t2.addingReportingOverflow(l)
                let (d, o5) = l.multipliedReportingOverflow(by: 2)
                if !(o3 || o4 || o5) { return whole + n / d }
            }
        }
        // Fallback (denominators too many to combine in 64 bits): the fraction in Double.
        var f = 0.0
        for x in nonzero { f += Double(x.num) / Double(x.den) }
        return whole + Int64((f + 0.5).rounded(.down))
    }

    /// Hours rounded to 0.01 (DUR-7), as a Double for checkpoints.
    public var roundedHours: Double { Double(roundedHundredths) / 100 }

    /// The unrounded value in hours (approximate; for display only).
    public var approximateHours: Double {
        var f = Double(whole)
        for x in fractions { f += Double(x.num) / Double(x.den) }
        return f / 100
    }

    public var isZero: Bool { whole == 0 && fractions.allSatisfy { $0.num == 0 } }

    public var description: String { "\(approximateHours) h" }
}

@inlinable func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var x = a < 0 ? -a : a, y = b < 0 ? -b : b
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : x
}

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

/// A paid FLEUR group (DUR-2): records with the same (ydelsestype, periode_fra, periode_til).
public struct PaidGroup: Sendable, Hashable {
    public var ydelsestype: UInt8
    public var periodeFra: Day
    public var periodeTil: Day
    /// Net hours in hundredths (> 0 for a paid group).
    public var netHundredths: Int64
    /// Kommune of the latest record of the group (KOM-2 fallback).
    public var kommune: String?
    public var forsikring: Forsikring
}

enum HourSpreading {
    /// DUR-2: groups FLEUR 01–05 records and returns the paid groups (net > 0) and
    /// the number of groups with net < 0.
    static func paidGroups(_ records: [FleurRecord]) -> (paid: [PaidGroup], negative: [PaidGroup]) {
        // Records of one group are taken in record order (sorted by key, then index): a person has
        // few records, and sorting them costs less than hashing each one.
        func key(_ r: FleurRecord) -> (UInt8, Int32, Int32) { (r.ydelsestype, r.periodeFra.rawValue, r.periodeTil.rawValue) }
        var order = records.indices.filter {
            let r = records[$0]
            return r.ydelsestype >= 1 && r.ydelsestype <= 5 && r.periodeFra <= r.periodeTil
        }
        order.sort { i, j in
            let a = key(records[i]), b = key(records[j])
            return a != b ? a < b : i < j
        }
        // (group, index of its first record)
        var groups: [(group: PaidGroup, first: Int)] = []
        for i in order {
            let r = records[i]
            let v = (r.timer - r.fradragstimer) * (r.isReversal ? -1 : 1)
            if let last = groups.last, key(records[last.first]) == key(r) {
                groups[groups.count - 1].group.netHundredths += v
                if !r.isReversal {
                    groups[groups.count - 1].group.kommune = r.kommune ?? last.group.kommune
                    groups[groups.count - 1].group.forsikring = r.forsikring
                }
            } else {
                groups.append((PaidGroup(ydelsestype: r.ydelsestype, periodeFra: r.periodeFra, periodeTil: r.periodeTil,
                                         netHundredths: v, kommune: r.kommune, forsikring: r.forsikring), i))
            }
        }
        groups.sort { $0.first < $1.first }
        var paid: [PaidGroup] = [], neg: [PaidGroup] = []
        for (g, _) in groups {
            if g.netHundredths > 0 { paid.append(g) } else if g.netHundredths < 0 { neg.append(g) }
        }
        paid.sort { ($0.periodeFra, $0.periodeTil, $0.ydelsestype) < ($1.periodeFra, $1.periodeTil, $1.ydelsestype) }
        return (paid, neg)
    }

    /// DUR-3: spreads a paid group's hours over its weekdays in proportion to
    /// r(m) = R / wd(m). R cancels out within a record, so the weight of a weekday
    /// in month m is 1 / wd(m), taken exactly over the least common multiple.
    static func segments(_ g: PaidGroup, index: Int32, into out: inout [HourSegment]) {
        // Most records lie in one month: then every weekday weighs the same, 1 / n of the hours
        // (the general case below with one month, without its list).
        let m0 = g.periodeFra.yearMonth
        if m0 == g.periodeTil.yearMonth {
            let n = Int64(weekdays(g.periodeFra, g.periodeTil))
            if n == 0 {
                out.append(HourSegment(from: g.periodeTil, to: g.periodeTil, perDay: g.netHundredths, den: 1,
                                       weekdaysOnly: false, group: index))
            } else {
                let c = gcd(g.netHundredths, n)
                out.append(HourSegment(from: g.periodeFra, to: g.periodeTil, perDay: g.netHundredths / c, den: n / c,
                                       weekdaysOnly: true, group: index))
            }
            return
        }
        var months: [(from: Day, to: Day, n: Int64, wd: Int64)] = []
        var m = m0
        let lastM = g.periodeTil.yearMonth
        while m <= lastM {
            let a = max(g.periodeFra, m.first), b = min(g.periodeTil, m.last)
            let n = Int64(weekdays(a, b))
            if n > 0 { months.append((a, b, n, Int64(weekdays(in: m)))) }
            m = m.advanced(by: 1)
        }
        if months.isEmpty {
            out.append(HourSegment(from: g.periodeTil, to: g.periodeTil, perDay: g.netHundredths, den: 1,
                                   weekdaysOnly: false, group: index))
            return
        }
        var l: Int64 = 1
        for x in months { l = l / gcd(l, x.wd) * x.wd }
        var w: Int64 = 0
        for x in months { w += x.n * (l / x.wd) }
        for x in months {
            var num = g.netHundredths * (l / x.wd)
            var den = w
            let c = gcd(num, den)
            num /= c
            den /= c
            out.append(HourSegment(from: x.from, to: x.to, perDay: num, den: den, weekdaysOnly: true, group: index))
        }
    }
}
