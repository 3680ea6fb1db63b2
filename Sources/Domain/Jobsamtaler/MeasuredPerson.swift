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

/// Run-summary counts of the measurement.
public struct JobsamtaleCounters: Sendable, Hashable {
    /// POP-5: (person, group) pairs with every day of the spell in M on code 1 or 90.
    public var absentAllMonth = 0
    /// POP-6 / EXEMPT-6: sygedagpenge spells excluded by code 91.
    public var code91Excluded = 0
    /// POP-3: persons with a benefit day in M but no `person` record.
    public var missingPerson = 0

    public init() {}

    public static func + (a: JobsamtaleCounters, b: JobsamtaleCounters) -> JobsamtaleCounters {
        var r = a
        r.absentAllMonth += b.absentAllMonth
        r.code91Excluded += b.code91Excluded
        r.missingPerson += b.missingPerson
        return r
    }
}

/// Which (person, group) rows a measurement returns.
public enum JobsamtaleScope: Sendable {
    /// Every measured or exempt row (Måling 1-5).
    case all
    /// Only the rows the focus measure reads (FOCUS-1): the POP-7 all-groups row, when its
    /// duration summary is "12 måneder og derover". Rows that are not returned skip the
    /// exemption and talk steps, which is what makes the 11 earlier months of a cold run cheap.
    case focus
}

/// Entry point of the jobsamtaler measurement for one person.
public enum JobsamtaleMeasurement {
    /// EXEMPT-8: POP-1..4 → POP-5 → EXEMPT-6 → EXEMPT-3 → TALK, then POP-7, with the person's
    /// timeline built once. `h` must hold the timeline sources plus `samtale`, `tilbud` and
    /// `tilmelding`, or only the timeline sources when `talkSources` gives the whole history
    /// (see ``PersonTimeline/measureJobsamtaler(_:scope:talkSources:)``).
    public static func measure(_ h: PersonHistory, month: YearMonth, rules: DomainRules = .standard,
                               scope: JobsamtaleScope = .all, talkSources: (() -> PersonHistory)? = nil)
        -> (persons: [MeasuredPerson], counters: JobsamtaleCounters) {
        guard h.hasBenefitRecord(in: month) else { return ([], JobsamtaleCounters()) }
        return PersonTimeline(h, month: month, rules: rules).measureJobsamtaler(h, scope: scope, talkSources: talkSources)
    }

    /// ``measure(_:month:rules:scope:talkSources:)`` of `timeline`'s month with the person's
    /// timeline already built (a pass that reads the timeline for other tables too).
    public static func measure(_ h: PersonHistory, timeline: PersonTimeline) -> (persons: [MeasuredPerson], counters: JobsamtaleCounters) {
        guard h.hasBenefitRecord(in: timeline.month) else { return ([], JobsamtaleCounters()) }
        return timeline.measureJobsamtaler(h)
    }
}

extension PersonTimeline {
    /// The measured or exempt (person, group) rows of M for this person (see ``JobsamtaleMeasurement``).
    ///
    /// POP-1..6 read only the timeline sources. With `talkSources`, `h` may hold only those, and
    /// the closure gives the whole history (with `samtale`, `tilbud`, `tilmelding`) the first time
    /// a row reaches EXEMPT-3: with scope ``JobsamtaleScope/focus`` most persons never need it.
    public func measureJobsamtaler(_ h: PersonHistory, scope: JobsamtaleScope = .all,
                                   talkSources: (() -> PersonHistory)? = nil)
        -> (persons: [MeasuredPerson], counters: JobsamtaleCounters) {
        var whole: PersonHistory?
        func complete() -> PersonHistory {
            if let whole { return whole }
            let w = talkSources?() ?? h
            whole = w
            return w
        }
        var c = JobsamtaleCounters()
        let (measured, missing) = measuredSpells()          // POP-1..4
        if missing { c.missingPerson = 1 }
        guard !measured.isEmpty else { return ([], c) }
        var kept: [(spell: Spell, e: Day, duration: DurationRow)] = []
        for (s, e) in measured {
            switch exclusion(h, s, e: e) {                                                           // POP-5, EXEMPT-6
            case .absentAllMonth?: c.absentAllMonth += 1; continue
            case .code91?: c.code91Excluded += 1; continue
            case nil: break
            }
            kept.append((s, e, durationRow(s, e: e)))
        }
        // POP-7: the latest E among the person's spells; ties in the order AD, SDP, KH, ….
        let allGroups = kept.indices.max(by: { a, b in
            let x = kept[a].duration, y = kept[b].duration
            if x.e != y.e { return x.e < y.e }
            return x.group > y.group
        })
        var out: [MeasuredPerson] = []
        for (i, (s, e, duration)) in kept.enumerated() {
            if case .focus = scope {
                guard i == allGroups, duration.summary == rules.skema1.summary[1].label else { continue }
            }
            let w = measurementWindow(s, e: e)                                                       // WIN
            let h = complete()
            let ex = exemption(h, s, window: w)                                                      // EXEMPT-3
            var p = MeasuredPerson(duration: duration, window: w, talkAnchor: nil, talks: nil,
                                   talkDates: [], firstTalk: nil, exemption: ex, allGroups: i == allGroups)
            if !ex.isExempt {                                                                        // TALK (EXEMPT-7)
                let anchor = talkAnchor(h, s, e: e)
                let t = countTalks(h, s, window: w, anchor: anchor)
                p.talkAnchor = anchor
                p.talks = t.count
                p.talkDates = t.dates
                p.firstTalk = t.firstTalk
            }
            out.append(p)
        }
        return (out, c)
    }
}
