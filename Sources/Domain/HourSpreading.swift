import ColumnStore

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
