import ColumnStore
import ReferenceData

/// One person's facts as known at the end of month M (CONV-10), with their
/// spells (SPELL-1..9), dead days (DEAD-1) and spread hours (DUR-2, DUR-3).
///
/// Build one per (person, month); it is a value type and can be built for many
/// persons in parallel. `dur(_:at:)` and `hours(_:on:)` are the reusable
/// duration functions for later stages (windows, talks).
public struct PersonTimeline: Sendable {
    public let pnr: Int64
    public let month: YearMonth
    public let rules: DomainRules
    /// last(M).
    public let lastDay: Day
    public let birthDate: Day?
    /// DEAD-1: corona window(s) plus `fravaer` code 1 and 90 (known by last(M)), merged.
    public let deadDays: [DayInterval]
    /// DUR-2: paid FLEUR 01–05 groups (net > 0), all of them (days after last(M) included).
    public let paidGroups: [PaidGroup]
    /// DUR-2 Decision: groups with net hours < 0.
    public let negativeGroups: [PaidGroup]
    /// DUR-3: per-day hours of every paid group, sorted by `from`. Empty for a person without a
    /// dagpengeperiode: only AD spells and the forsøgsperiode's consumption (inside the
    /// dagpengeperioder) read hours, and such a person has neither.
    public let hourSegments: [HourSegment]
    /// Every spell known at the end of M, sorted by group, then start.
    public let spells: [Spell]
    /// Union of the dagpengeperioder known at last(M) (open ends cut at last(M)).
    public let dagpengeperiodeDays: [DayInterval]

    let bopael: [BopaelRow]

    public init(_ h: PersonHistory, month: YearMonth, rules: DomainRules = .standard) {
        self.init(h, month: month, rules: rules, spreadingHours: true)
    }

    /// `spreadingHours` false leaves ``hourSegments`` empty: for callers that read only the
    /// spells (``SpellBuilder``), which do not depend on the per-day hours.
    init(_ h: PersonHistory, month: YearMonth, rules: DomainRules, spreadingHours: Bool) {
        self.pnr = h.pnr
        self.month = month
        self.rules = rules
        let last = month.last
        self.lastDay = last
        self.birthDate = h.birthDate
        self.bopael = h.bopael

        // DEAD-1 (CONV-10: fravaer only from its start up to last(M)).
        var dead = rules.coronaDead
        for f in h.fravaer where (f.kode == "1" || f.kode == "90") && f.fra <= last {
            let t = min(f.til ?? last, last)
            if f.fra <= t { dead.append(DayInterval(f.fra, t)) }
        }
        let deadDays = IntervalSet.normalize(dead)
        self.deadDays = deadDays

        // DUR-2, DUR-3.
        let (paid, negative) = HourSpreading.paidGroups(h.fleur)
        self.paidGroups = paid
        self.negativeGroups = negative
        var segs: [HourSegment] = []
        if spreadingHours, !h.dagpengeperioder.isEmpty {
            segs.reserveCapacity(paid.count * 2)
            for (i, g) in paid.enumerated() { HourSpreading.segments(g, index: Int32(i), into: &segs) }
            segs.sort { $0.from < $1.from }
        }
        self.hourSegments = segs

        // Benefit days of AD (any paid 01–05 record, CONV-10: only up to last(M)).
        var adAll: [DayInterval] = []
        for g in paid where g.periodeFra <= last { adAll.append(DayInterval(g.periodeFra, min(g.periodeTil, last))) }
        adAll = IntervalSet.normalize(adAll)

        var out: [Spell] = []

        // SPELL-1: AD spells from taeller.
        let periods = PersonTimeline.adPeriods(h.dagpengeperioder, last: last)
        var periodUnion: [DayInterval] = []
        for p in periods {
            let hi = min(p.end ?? last, last)
            periodUnion.append(DayInterval(p.row.foersteDag, hi))
            let days = IntervalSet.clip(adAll, p.row.foersteDag, hi)
            let lastBenefit = days.last?.to
            let known = p.end.flatMap { $0 <= last ? $0 : nil }
            var s = Spell(pnr: h.pnr, group: .ad, start: p.row.foersteDag, slut: known, lastBenefitDay: lastBenefit,
                          sats: nil, kommuneUltimo: nil, forsikring: p.row.forsikring, periodeId: p.row.periodeId,
                          periodEnd: known, benefitDays: days, endedByKontaktgruppe: false, startedByKontaktgruppe: false)
            let k = known != nil ? (lastBenefit ?? known!) : last
            s.kommuneUltimo = PersonTimeline.residence(h.bopael, on: k) ?? lastBenefit.flatMap { e in
                paid.filter { $0.periodeFra <= e && e <= $0.periodeTil && $0.kommune != nil }
                    .max { $0.periodeFra < $1.periodeFra }?.kommune
            }
            out.append(s)
        }
        self.dagpengeperiodeDays = IntervalSet.normalize(periodUnion)

        // SPELL-2: SDP.
        let sdp = PersonTimeline.sdpSpells(h.ksd, last: last)
        var sdpAll: [DayInterval] = []
        for m in sdp {
            let hi = min(m.slut ?? last, last)
            sdpAll.append(DayInterval(m.start, hi))
            var s = Spell(pnr: h.pnr, group: .sdp, start: m.start, slut: m.slut, lastBenefitDay: hi, sats: nil,
                          kommuneUltimo: nil, forsikring: nil, periodeId: nil, periodEnd: m.slut,
                          benefitDays: [DayInterval(m.start, hi)], endedByKontaktgruppe: false, startedByKontaktgruppe: false)
            let k = m.slut != nil ? hi : last
            s.kommuneUltimo = PersonTimeline.residence(h.bopael, on: k) ?? m.rows
                .filter { $0.start <= hi && hi <= ($0.slut ?? last) && !$0.kommune.isEmpty }
                .max { $0.start < $1.start }?.kommune
            out.append(s)
        }
        sdpAll = IntervalSet.normalize(sdpAll)

        // SPELL-3..8: municipal groups.
        out += PersonTimeline.municipalSpells(h, last: last, rules: rules, adAll: adAll, sdpAll: sdpAll)

        out.sort { ($0.group.rawValue, $0.start) < ($1.group.rawValue, $1.start) }
        self.spells = out
    }

    // MARK: reusable duration functions

    /// DEAD-1: is `d` a dead day for this person?
    public func isDead(_ d: Day) -> Bool { IntervalSet.contains(deadDays, d) }

    /// DUR-1 / DUR-4: `dur(σ, d)` — days (non-AD) or exact hours (AD) up to and including d,
    /// dead days excluded.
    public func dur(_ s: Spell, at d: Day) -> SpellDuration {
        if s.group == .ad { return .hours(hoursSum(s, from: s.start, to: d)) }
        guard d >= s.start else { return .days(0) }
        return .days(d - s.start + 1 - IntervalSet.dayCount(deadDays, in: s.start, d))
    }

    /// `dur(σ, d)` in the spell's Skema 1 unit: days, or hours in hundredths rounded per DUR-7.
    public func durValue(_ s: Spell, at d: Day) -> Int64 {
        switch dur(s, at: d) {
        case .days(let n): return Int64(n)
        case .hours(let x): return x.roundedHundredths
        }
    }

    /// The Skema 1 unit of a spell (days, or hours H/D by the spell's forsikring).
    public func unit(of s: Spell) -> DurationUnit { rules.unit(for: s.group, forsikring: s.forsikring) }

    /// DUR-3: `h(d)` for an AD spell — the raw hours spread onto day d by the spell's paid
    /// records (0 outside the dagpengeperiode). Dead days are not removed here; use `isDead`.
    public func hours(_ s: Spell, on d: Day) -> ExactHours {
        var x = ExactHours()
        guard s.group == .ad, d >= s.start, d <= (s.periodEnd ?? Day(rawValue: .max)) else { return x }
        for seg in hourSegments {
            if seg.from > d { break }
            if seg.covers(d) { x.add(seg.perDay, over: seg.den) }
        }
        return x
    }

    /// Σ h(x) over the non-dead days x in `a...b` within the spell's dagpengeperiode (DUR-4, WIN-3, EXEMPT-2).
    public func hoursSum(_ s: Spell, from a: Day, to b: Day, excluding extra: [DayInterval] = []) -> ExactHours {
        var x = ExactHours()
        guard s.group == .ad else { return x }
        let lo = max(a, s.start)
        let hi = min(b, s.periodEnd ?? b)
        guard lo <= hi else { return x }
        let excluded = extra.isEmpty ? deadDays : IntervalSet.normalize(deadDays + extra)
        for seg in hourSegments {
            if seg.from > hi { break }
            let n = seg.countedDays(lo, hi, excluding: excluded)
            if n > 0 { x.add(seg.perDay * n, over: seg.den) }
        }
        return x
    }

    /// The hour segments of an AD spell, clipped to its dagpengeperiode (for sweeps such as WIN-3).
    public func hourSegments(of s: Spell) -> [HourSegment] {
        guard s.group == .ad else { return [] }
        let hi = s.periodEnd ?? Day(rawValue: .max)
        return hourSegments.compactMap { seg in
            guard seg.to >= s.start, seg.from <= hi else { return nil }
            var c = seg
            c.from = max(seg.from, s.start)
            c.to = min(seg.to, hi)
            return c
        }
    }

    /// KOM-1/KOM-2 `bopael` on K: the covering period with the latest `fra`.
    static func residence(_ rows: [BopaelRow], on k: Day) -> String? {
        var best: Int?
        for i in rows.indices where rows[i].fra <= k && k <= (rows[i].til ?? k) && !rows[i].kommune.isEmpty {
            if best == nil || rows[i].fra >= rows[best!].fra { best = i }
        }
        return best.map { rows[$0].kommune }
    }

    // MARK: AD periods (SPELL-1)

    struct ADPeriod {
        var row: DagpengePeriodeRow
        /// min(sidste_dag, next foerste_dag − 1); nil = open.
        var end: Day?
    }

    static func adPeriods(_ rows: [DagpengePeriodeRow], last: Day) -> [ADPeriod] {
        // CONV-10: rows count from their start; a sidste_dag after last(M) is not known yet.
        var known = rows.filter { $0.foersteDag <= last }
        // Same foerste_dag: one spell; the row with the latest sidste_dag (open highest) wins.
        known.sort {
            if $0.foersteDag != $1.foersteDag { return $0.foersteDag < $1.foersteDag }
            return ($0.sidsteDag?.rawValue ?? .max) > ($1.sidsteDag?.rawValue ?? .max)
        }
        var uniq: [DagpengePeriodeRow] = []
        for r in known where uniq.last?.foersteDag != r.foersteDag { uniq.append(r) }
        var out: [ADPeriod] = []
        for (i, r) in uniq.enumerated() {
            var end: Day? = r.sidsteDag.flatMap { $0 <= last ? $0 : nil }
            if i + 1 < uniq.count {
                let nextEnd = uniq[i + 1].foersteDag - 1
                end = min(end ?? nextEnd, nextEnd)
            }
            out.append(ADPeriod(row: r, end: end))
        }
        return out
    }

    // MARK: SDP (SPELL-2)

    struct SDPSpell {
        var start: Day
        /// nil: open (or ends after last(M)).
        var slut: Day?
        var rows: [KsdRow]
    }

    static func sdpSpells(_ rows: [KsdRow], last: Day) -> [SDPSpell] {
        var known: [KsdRow] = rows.compactMap {
            guard $0.start <= last else { return nil }
            var r = $0
            if let s = r.slut, s > last { r.slut = nil }   // CONV-10
            if let s = r.slut, s < r.start { return nil }
            return r
        }
        // By start; same start: longest first (addendum).
        known.sort {
            if $0.start != $1.start { return $0.start < $1.start }
            return ($0.slut?.rawValue ?? .max) > ($1.slut?.rawValue ?? .max)
        }
        var out: [SDPSpell] = []
        var prevStart: Day?
        for r in known {
            if var cur = out.last {
                // SPELL-2: overlap if start2 <= slut1 − 1 (open slut = +∞); same start always merges.
                let overlaps = r.start == prevStart || cur.slut == nil || r.start <= cur.slut! - 1
                if overlaps {
                    if cur.slut != nil { cur.slut = r.slut.map { max($0, cur.slut!) } }
                    cur.rows.append(r)
                    out[out.count - 1] = cur
                    prevStart = r.start
                    continue
                }
            }
            out.append(SDPSpell(start: r.start, slut: r.slut, rows: [r]))
            prevStart = r.start
        }
        return out
    }
}

/// `dur(σ, d)`: days for SDP and municipal groups (DUR-1), exact hours for AD (DUR-4).
public enum SpellDuration: Sendable {
    case days(Int)
    case hours(ExactHours)
}
