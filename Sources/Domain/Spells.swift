import ColumnStore
import ReferenceData

/// A benefit spell (ydelsesforløb) as known at the end of M (SPELL-1..9, CONV-11).
public struct Spell: Sendable, Hashable {
    public var pnr: Int64
    public var group: BenefitGroup
    /// start(σ): for AD the dagpengeperiode's `foerste_dag`.
    public var start: Day
    /// CONV-11: filled only when the spell is known to have ended by last(M).
    public var slut: Day?
    /// The last benefit day of the spell up to last(M); nil for a dagpengeperiode without payments.
    public var lastBenefitDay: Day?
    /// KH: the sats of the latest KH line covering `lastBenefitDay` (SPELL-7 addendum).
    public var sats: KHSats?
    /// KOM-1/KOM-2 kommune on K (K = lastBenefitDay when ended, else last(M)); nil = unknown.
    public var kommuneUltimo: String?
    /// AD: `forsikring` of the taeller row.
    public var forsikring: Forsikring?
    /// AD: `periode_id` of the taeller row.
    public var periodeId: String?
    /// AD: the dagpengeperiode's end (sidste_dag or the day before the next foerste_dag), nil while open
    /// or not known by last(M). SDP: the merged `slut`, nil while open or after last(M).
    public var periodEnd: Day?
    /// The benefit days of the spell's group up to last(M) (POP-1), sorted and merged.
    public var benefitDays: [DayInterval]
    /// SPELL-8: this spell was ended by a kontaktgruppe 12→2 shift.
    public var endedByKontaktgruppe: Bool
    /// SPELL-8: this spell was started by a kontaktgruppe 12→2 shift.
    public var startedByKontaktgruppe: Bool

    /// E in month M: the last benefit day of the spell in M (DUR-5, DUR-6), nil if none.
    public func lastBenefitDay(in month: YearMonth) -> Day? {
        IntervalSet.lastDay(benefitDays, in: month.first, month.last)
    }

    /// Checkpoint group code (`AD`, `SDP`, `KH`, …; `KH-M/G/H` from the SPELL-7 month).
    public func groupCode(month: YearMonth, rules: DomainRules = .standard) -> String {
        Domain.groupCode(group, sats: sats, month: month, rules: rules)
    }

    /// OUTPUTS.md group label for month M.
    public func groupLabel(month: YearMonth, rules: DomainRules = .standard) -> String {
        Domain.groupLabel(group, sats: sats, month: month, rules: rules)
    }
}

/// Entry point for the spells checkpoint.
public enum SpellBuilder {
    /// Every spell known at the end of `month` (CONV-11), sorted by group and start.
    public static func spells(for person: PersonHistory, month: YearMonth, rules: DomainRules = .standard) -> [Spell] {
        PersonTimeline(person, month: month, rules: rules, spreadingHours: false).spells
    }
}
