import ColumnStore

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
