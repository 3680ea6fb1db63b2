import ColumnStore
import ReferenceData

/// One row of `forsoegsperiode/forsoegsperiode` (FSG-0.2, FSG-0.3, CONV-11).
public struct ForsoegsperiodeRow: Sendable, Hashable {
    public var forloebId: String
    public var pnr: Int64
    /// 2-digit a-kasse code.
    public var akasse: String
    /// The forløb's forsikring (chooses 410 h or 333 h).
    public var forsikring: Forsikring
    public var visitationsdato: Day
    /// Hours consumed from visitationsdato up to last(M), rounded half up to 0.01 (DUR-7).
    public var timerForbrugtHundredths: Int64
    /// The first day the cumulated consumption, rounded to 0.01, reaches the threshold; nil if not reached.
    public var fuldPeriodeDato: Day?

    public var timerForbrugt: Double { Double(timerForbrugtHundredths) / 100 }
}

/// Entry point for the forsøgsperiode checkpoint.
public enum ForsoegsperiodeCalculator {
    public static func periods(for person: PersonHistory, month: YearMonth, rules: DomainRules = .standard) -> [ForsoegsperiodeRow] {
        guard person.forsoeg.contains(where: { $0.visitationsdato <= month.last }) else { return [] }
        return PersonTimeline(person, month: month, rules: rules).forsoegsperioder(person.forsoeg)
    }
}

extension PersonTimeline {
    /// FSG-0.3 (+ addendum) for every forløb with visitationsdato <= last(M).
    public func forsoegsperioder(_ forloeb: [ForsoegRow]) -> [ForsoegsperiodeRow] {
        var out: [ForsoegsperiodeRow] = []
        for f in forloeb where f.visitationsdato <= lastDay {
            let (total, day) = consumption(from: f.visitationsdato, threshold: rules.fullExperimentPeriod(f.forsikring))
            out.append(ForsoegsperiodeRow(forloebId: f.forloebId, pnr: pnr, akasse: f.akasse, forsikring: f.forsikring,
                                          visitationsdato: f.visitationsdato, timerForbrugtHundredths: total.roundedHundredths,
                                          fuldPeriodeDato: day))
        }
        return out
    }

    /// Σ h(x) over days x in [v, last(M)] inside one of the pnr's dagpengeperioder and outside the
    /// FSG-0.3 suspension windows (barsel and the corona dead period do not suspend), and the first
    /// day on which the cumulated sum rounded to 0.01 reaches `threshold` hundredths.
    public func consumption(from v: Day, threshold: Int64) -> (total: ExactHours, fullPeriodDay: Day?) {
        let allowed = IntervalSet.subtract(IntervalSet.clip(dagpengeperiodeDays, v, lastDay), rules.fsgSuspension)
        // Pieces of segments restricted to allowed days.
        var pieces: [HourSegment] = []
        for seg in hourSegments {
            if seg.from > lastDay { break }
            for a in IntervalSet.clip(allowed, seg.from, seg.to) {
                var p = seg
                p.from = a.from
                p.to = a.to
                if !p.weekdaysOnly || weekdays(a.from, a.to) > 0 { pieces.append(p) }
            }
        }
        var total = ExactHours()
        if pieces.isEmpty { return (total, nil) }
        var bounds: [Int32] = []
        for p in pieces {
            bounds.append(p.from.rawValue)
            bounds.append(p.to.rawValue + 1)
        }
        bounds = Array(Set(bounds)).sorted()
        var found: Day?
        for i in 0..<(bounds.count - 1) {
            let x = Day(rawValue: bounds[i]), y = Day(rawValue: bounds[i + 1] - 1)
            let active = pieces.filter { $0.from <= x && $0.to >= y }
            if active.isEmpty { continue }
            var next = total
            for p in active { next.add(p.perDay * p.countedDays(x, y, excluding: []), over: p.den) }
            if found == nil, next.roundedHundredths >= threshold {
                var cum = total
                var d = x
                while d <= y {
                    for p in active where p.covers(d) { cum.add(p.perDay, over: p.den) }
                    if cum.roundedHundredths >= threshold { found = d; break }
                    d = d + 1
                }
            }
            total = next
        }
        return (total, found)
    }
}
