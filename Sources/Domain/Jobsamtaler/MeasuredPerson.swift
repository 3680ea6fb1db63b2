import ColumnStore
import ReferenceData

/// One measured or exempt (person, group) of month M in the jobsamtaler measurement
/// (RULES.md Part A): a row of `checkpoints/jobsamtaler/maalte`.
public struct MeasuredPerson: Sendable, Hashable {
    /// The spell's duration, labels and kommune (POP-1..4, DUR, INT, KOM-1/2).
    public var duration: DurationRow
    /// W of WIN-1..3 (used for the exemption share and MII days).
    public var window: MeasurementWindow
    /// TALK-10 anchor T when the talk window was extended, else nil.
    public var talkAnchor: Day?
    /// TALK-1 count; nil for an exempt person (EXEMPT-7).
    public var talks: Int?
    /// The counted talk dates (empty for an exempt person).
    public var talkDates: [Day]
    /// TALK-9: the first jobsamtale of the kontaktforløb up to E.
    public var firstTalk: Day?
    /// EXEMPT-1..4.
    public var exemption: Exemption
    /// POP-7: the person is counted on this spell in the all-groups figures.
    public var allGroups: Bool

    public var pnr: Int64 { duration.pnr }
    public var group: BenefitGroup { duration.group }
    /// EXEMPT-3.
    public var isExempt: Bool { exemption.isExempt }
    /// The start of the talk window: T when extended (TALK-10), else Ws.
    public var talkWindowStart: Day { talkAnchor ?? window.start }
}
