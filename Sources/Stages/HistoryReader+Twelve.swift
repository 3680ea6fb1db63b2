import ColumnStore
import Domain

/// What ``HistoryReader/mayReachTwelve(rows:in:)`` checks a person against in one month, worked
/// out once per month: the month's days, the months a spell of `twelve` days must have a benefit
/// day in, and the rules' bounds.
struct TwelveMonthWindow: Sendable {
    let month: YearMonth
    let rules: DomainRules
    /// first(m) and last(m).
    let first: Int32, last: Int32
    /// The calendar months strictly between the month of `last(m) − (twelve − 1)` and m, as day ranges.
    let between: [(a: Int32, b: Int32)]

    init(_ m: YearMonth, rules: DomainRules) {
        month = m
        self.rules = rules
        first = m.first.rawValue
        last = m.last.rawValue
        let earliestStart = Day(rawValue: last - Int32(rules.twelve(.days) - 1))
        var between: [(a: Int32, b: Int32)] = []
        var month = YearMonth(year: earliestStart.year, month: earliestStart.month).advanced(by: 1)
        while month < m { between.append((month.first.rawValue, month.last.rawValue)); month = month.advanced(by: 1) }
        self.between = between
    }
}

extension HistoryReader {
    /// Whether the person, as known at month `m`, may have a spell with a benefit day in m whose
    /// duration reaches `twelve` (CONV-7): the only spells the focus measure counts (FOCUS-1,
    /// "12 måneder og derover"). Checked on the columns before any history is built; false only
    /// when no spell can be that long, so a person-month it skips has no focus row. Rows of every
    /// version are read unless a rule needs the rows known at m, where only those are read.
    ///
    /// - Municipal groups and SDP (DUR-1, days): a spell of `twelve` days with a benefit day E in m
    ///   starts on or before `last(m) − (twelve − 1)`, so every calendar month strictly between
    ///   that day's month and m has a benefit day of the spell: a municipal spell breaks at a
    ///   whole month without a payment of its group (SPELL-3 b, also with SPELL-5's SHO), an SDP
    ///   spell is an unbroken run of overlapping `ksd` rows (SPELL-2). So either `ky` rows of a
    ///   municipal group (not SHOP, SKH or FTP, which are never a benefit day of one) or `ksd`
    ///   rows must overlap each of those months.
    /// - AD (DUR-4, hours): E's dagpengeperiode starts in `F...last(m)`, F the latest `foerste_dag`
    ///   on or before first(m) among the rows known at m (first(m) when there is none), and its
    ///   duration is at most the positive net hours of the paid FLEUR rows (types 01-05)
    ///   overlapping `F...last(m)` (DUR-2, DUR-3 spread a record's hours over its own days), which
    ///   must reach the bound of its forsikring: the smallest among the periods starting there
    ///   (none: no AD spell has a day in m).
    func mayReachTwelve(rows r: [Range<Int>], in window: TwelveMonthWindow) -> Bool {
        let m = window.month, rules = window.rules, first = window.first, last = window.last, between = window.between

        // Every month of `between` overlapped by a row of one of the parts. (Asked per person and
        // month: the source's reader is unwrapped once per part, not once per row.)
        func covered<R>(_ parts: [(R, Range<Int>)], _ overlaps: (R, Int, Int32, Int32) -> Bool) -> Bool {
            between.allSatisfy { month in parts.contains { reader, rows in rows.contains { overlaps(reader, $0, month.a, month.b) } } }
        }
        let kyParts = rowParts(.ky, rows: r).compactMap { reader, rows in reader.ky.map { ($0, rows) } }
        if covered(kyParts, { ky, i, a, b in
            ky.fra.values[i] <= b && ky.til.values[i] >= a && ky.ydelse[i].flatMap(BenefitGroup.init(ky:)) != nil
        }) { return true }
        let ksdParts = rowParts(.ksd, rows: r).compactMap { reader, rows in reader.ksd.map { ($0, rows) } }
        if covered(ksdParts, { ksd, i, a, b in ksd.start.values[i] <= b && (ksd.slut.optional(i)?.rawValue ?? b) >= a }) {
            return true
        }

        // AD: the dagpengeperioder known at m (one known later could only move F later).
        var periods: [(first: Int32, forsikring: Forsikring)] = []
        if let s = sourceSlots[.taeller], let taeller {
            let monthIndex = Int32(m.index)
            for i in r[s] where versions?.current[s].known(i, at: monthIndex) ?? true {
                if let f = taeller.fors[i] { periods.append((taeller.first.values[i], f)) }
            }
            if let versions, let old, let os = versions.supersededSlot[s], let oldTaeller = old.taeller {
                let was = versions.superseded[os - versions.current.count]
                for j in r[os] where was.known(j, at: monthIndex) {
                    if let f = oldTaeller.fors[j] { periods.append((oldTaeller.first.values[j], f)) }
                }
            }
        }
        let from = periods.lazy.map(\.first).filter { $0 <= first }.max() ?? first
        // E's period starts in from...last(m); its forsikring sets the bound (CONV-7 `twelve`).
        let bounds = periods.filter { $0.first >= from && $0.first <= last }
            .map { rules.twelve(rules.unit(for: .ad, forsikring: $0.forsikring)) }
        guard let bound = bounds.min() else { return false }
        var hundredths: Int64 = 0
        for (reader, rows) in rowParts(.fleur, rows: r) {
            guard let fleur = reader.fleur else { continue }
            for i in rows where fleur.fra.values[i] <= last && fleur.til.values[i] >= from && (1...5).contains(fleur.type[i]) {
                let net = Int64(fleur.timer[i]) - Int64(fleur.fradrag[i])
                hundredths += max(0, fleur.reversal[i] ? -net : net)
            }
        }
        // DUR-7 rounds to whole hundredths: one more covers any rounding up.
        return hundredths + 1 >= bound
    }

    /// The person's rows of `source` in this reader and, when histories as known at earlier
    /// months are read, in the reader of the replaced versions.
    private func rowParts(_ source: SourceSlots.Source, rows r: [Range<Int>]) -> [(HistoryReader, Range<Int>)] {
        var parts: [(HistoryReader, Range<Int>)] = []
        guard let s = sourceSlots[source] else { return parts }
        parts.append((self, r[s]))
        if let versions, let old, let os = versions.supersededSlot[s] { parts.append((old, r[os])) }
        return parts
    }
}
