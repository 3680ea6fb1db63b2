import ColumnStore
import ReferenceData

/// One row of `durations/varighed`: a measured (person, group) in month M (POP-1..4, DUR, INT).
public struct DurationRow: Sendable, Hashable {
    public var pnr: Int64
    public var group: BenefitGroup
    /// KH: the sats of the KH line covering E (SPELL-7); nil otherwise.
    public var sats: KHSats?
    /// OUTPUTS.md `ydelsesgruppe` label for M (KH split by sats from the SPELL-7 month).
    public var groupLabel: String
    /// Checkpoint group code (`AD`, `SDP`, `KH`, `KH-G`, …).
    public var groupCode: String
    public var spellStart: Day
    /// E: the last benefit day of the spell in M (DUR-5, DUR-6).
    public var e: Day
    /// Skema 1 unit of the spell.
    public var unit: DurationUnit
    /// `dur(σ, E)` in days (SDP and municipal groups), nil for AD.
    public var durationDays: Int?
    /// AD: `dur(σ, E)` in hundredths of an hour, rounded half up (DUR-7); nil otherwise.
    public var durationHundredths: Int64?
    /// AD: the exact duration, unrounded, in hours (approximate Double, for information).
    public var durationHoursExact: Double?
    /// The value compared with Skema 1: days, or rounded hundredths of an hour.
    public var value: Int64
    /// INT-2 monthly label ("Under 1 måned" … "12 måneder og derover").
    public var interval: String
    /// INT-2 summary ("Under 12 måneder" / "12 måneder og derover").
    public var summary: String
    /// INT-2 year band ("1 – 2 år" … "10 + år"), nil under 12 months.
    public var yearBand: String?
    /// KOM-1/KOM-2; nil = unknown (national total only).
    public var kommune: String?
    /// AD: the spell's forsikring.
    public var forsikring: Forsikring?
    /// AD: the taeller `periode_id`.
    public var periodeId: String?

    /// AD duration rounded to 0.01 h, as a Double.
    public var durationHours: Double? { durationHundredths.map { Double($0) / 100 } }
}

/// Run-summary counters of the durations stage.
public struct DurationCounters: Sendable, Hashable {
    /// POP-3: persons with a benefit day in M but no `person` record (0 or 1 per person).
    public var missingPerson: Int = 0
    /// SPELL-1 Decision: paid FLEUR 01–05 groups with a day in M, none of whose days in M lies in a dagpengeperiode.
    public var noDagpengeperiode: Int = 0
    /// DUR-2 Decision: FLEUR groups with net hours < 0 that have a day in M.
    public var negativeNetGroups: Int = 0

    public init() {}

    public static func + (a: DurationCounters, b: DurationCounters) -> DurationCounters {
        var r = a
        r.missingPerson += b.missingPerson
        r.noDagpengeperiode += b.noDagpengeperiode
        r.negativeNetGroups += b.negativeNetGroups
        return r
    }
}

/// Entry point for the durations checkpoint.
public enum DurationCalculator {
    public static func durations(for person: PersonHistory, month: YearMonth,
                                 rules: DomainRules = .standard) -> (rows: [DurationRow], counters: DurationCounters) {
        PersonTimeline(person, month: month, rules: rules).durations()
    }
}

extension PersonTimeline {
    /// The measured spell per group in M (POP-1, POP-3, POP-4), before POP-5 and later rules.
    /// Returns the (group, spell index in `spells`, E) and whether POP-3 failed for lack of a person record.
    public func measuredSpells() -> (spells: [(spell: Spell, e: Day)], missingPerson: Bool) {
        let m = month
        var byGroup = GroupTable<[(Spell, Day)]>()
        for s in spells {
            if let e = s.lastBenefitDay(in: m) { byGroup[s.group, default: []].append((s, e)) }
        }
        if byGroup.isEmpty { return ([], false) }
        guard let birth = birthDate else { return ([], true) }
        // POP-3: a benefit day in M on or after the 16th birthday and before folkepensionsalder.
        let from = max(birth.addingMonths(16 * 12), m.first)
        let to = min(rules.pensionAge.pensionDay(born: birth) - 1, m.last)
        var out: [(spell: Spell, e: Day)] = []
        for g in BenefitGroup.allCases {
            guard let cands = byGroup[g] else { continue }
            guard from <= to, cands.contains(where: { IntervalSet.intersects($0.0.benefitDays, from, to) }) else { continue }
            // POP-4: the latest E (ties: the later start).
            let best = cands.max { ($0.1, $0.0.start) < ($1.1, $1.0.start) }!
            out.append((best.0, best.1))
        }
        return (out, false)
    }

    /// The Skema 1 row of spell `s` with E = `e` (DUR-1..7, INT-1..3, KOM-1..2).
    public func durationRow(_ s: Spell, e: Day) -> DurationRow {
        let unit = self.unit(of: s)
        var days: Int?
        var hundredths: Int64?
        var exact: Double?
        let value: Int64
        switch dur(s, at: e) {
        case .days(let n):
            days = n
            value = Int64(n)
        case .hours(let x):
            hundredths = x.roundedHundredths
            exact = x.approximateHours
            value = x.roundedHundredths
        }
        let labels = rules.skema1Labels(value, unit)
        let sats = s.group == .kh ? satsOn(e, of: s) : nil
        // KOM-1: K = E when the spell is known to have ended by last(M), else last(M).
        // For a spell with E in M that has ended, E is its last benefit day, so this is the
        // spell's kommune_ultimo (computed on the same K when the spell was built).
        let kommune = s.kommuneUltimo
        return DurationRow(pnr: pnr, group: s.group, sats: sats,
                           groupLabel: Domain.groupLabel(s.group, sats: sats, month: month, rules: rules),
                           groupCode: Domain.groupCode(s.group, sats: sats, month: month, rules: rules),
                           spellStart: s.start, e: e, unit: unit, durationDays: days, durationHundredths: hundredths,
                           durationHoursExact: exact, value: value, interval: labels.monthly, summary: labels.summary,
                           yearBand: labels.yearBand, kommune: kommune, forsikring: s.forsikring, periodeId: s.periodeId)
    }

    /// KH sats on day d: the spell's sats when d is its last benefit day (the only case used).
    func satsOn(_ d: Day, of s: Spell) -> KHSats? { s.sats }

    /// `durations/varighed` rows for M and the run-summary counters.
    public func durations() -> (rows: [DurationRow], counters: DurationCounters) {
        var c = DurationCounters()
        let m = month
        for g in negativeGroups where g.periodeFra <= m.last && g.periodeTil >= m.first { c.negativeNetGroups += 1 }
        for g in paidGroups where g.periodeFra <= m.last && g.periodeTil >= m.first {
            let lo = max(g.periodeFra, m.first), hi = min(g.periodeTil, m.last)
            if !IntervalSet.intersects(dagpengeperiodeDays, lo, hi) { c.noDagpengeperiode += 1 }
        }
        let (measured, missing) = measuredSpells()
        if missing { c.missingPerson = 1 }
        return (measured.map { durationRow($0.spell, e: $0.e) }, c)
    }
}
