import ColumnStore
import ReferenceData

/// The talks of a measured spell that count (TALK-1..11).
public struct TalkCount: Sendable, Hashable {
    /// TALK-1: the distinct dates with at least one qualifying line, ascending.
    public var dates: [Day]
    /// TALK-9: F1, the first jobsamtale of the kontaktforløb (nil: none up to E).
    public var firstTalk: Day?
    /// TALK-1 count.
    public var count: Int { dates.count }
}

/// One `samtale` line judged for a measured spell (TALK, WIN, DEAD).
public struct TalkVerdict: Sendable, Hashable {
    public var line: SamtaleRow
    /// Whether the line qualifies (its date then counts once, TALK-1).
    public var counts: Bool
    /// The rule that decided it.
    public var rule: String
    public var reason: String
}

extension BenefitGroup {
    /// TALK-2: whether talks of type `kind` are counted for the group (SYG for SDP; JOB and
    /// FJOB for AD; JOB otherwise). A switch, not a set: it is asked for every samtale line of
    /// every measured person.
    func talkType(_ kind: SamtaleRow.Kind) -> Bool {
        switch self {
        case .sdp: kind == .syg
        case .ad: kind == .job || kind == .fjob
        default: kind == .job
        }
    }

    /// TALK-2 (+ Decision): does a line of this type and afholder count for the group?
    /// AD: JOB held by JC or AA, or by AK when `akasse` is 01–09; FJOB. SDP: SYG, any afholder.
    /// Other groups: JOB held by JC or AA. CV and RAAD never count.
    func counts(_ l: SamtaleRow) -> Bool {
        guard talkType(l.type) else { return false }
        switch self {
        case .sdp: return true
        case .ad:
            if l.type == .fjob { return true }
            if l.afholder != .akasse { return true }
            guard let a = l.akasse, let n = Int(a) else { return false }
            return (1...9).contains(n)
        default:
            return l.afholder != .akasse
        }
    }

    /// TALK-10: the groups whose window may extend back to a tilmelding date.
    var mayCountTalksBeforePayment: Bool { self == .ad || self == .kh || self == .uh || self == .sho }
}

extension PersonTimeline {
    /// TALK-10: the anchor T, the earliest `tilmelding.dato` (known by last(M)) with
    /// start(σ) − 3 months <= T < start(σ) and no benefit day of the group from an earlier spell
    /// in [T, start(σ) − 1], for a spell of AD, KH, UH or SHO starting in a TALK-10 window whose
    /// `dur(σ, E)` is under `twelve`. nil: no extension.
    public func talkAnchor(_ h: PersonHistory, _ s: Spell, e: Day) -> Day? {
        guard s.group.mayCountTalksBeforePayment, rules.jobsamtaler.talksBeforePayment.anyContains(s.start),
              durValue(s, at: e) < rules.twelve(unit(of: s)) else { return nil }
        let earliest = s.start.addingMonths(-3)
        let earlier = spells.filter { $0.group == s.group && $0.start < s.start }
        var best: Day?
        for t in h.tilmeldinger where t < s.start && t >= earliest && t <= lastDay {
            if let b = best, t >= b { continue }
            if earlier.contains(where: { IntervalSet.intersects($0.benefitDays, t, s.start - 1) }) { continue }
            best = t
        }
        return best
    }

    /// TALK-1..9: the qualifying talk dates of spell `s` in `[talkStart, E]` (W, possibly extended
    /// by TALK-10 to T); the kontaktforløb starts at `talkStart` when extended, else at start(σ)
    /// (which is the SPELL-8 day for a spell started by a kontaktgruppe shift).
    public func countTalks(_ h: PersonHistory, _ s: Spell, window w: MeasurementWindow, anchor: Day?) -> TalkCount {
        var dates: [Day] = []
        let f1 = judgeTalks(h, s, window: w, anchor: anchor, reasons: false) { line, counts, _, _ in
            if counts { dates.append(line.dato) }
        }
        dates.sort()
        var distinct: [Day] = []
        distinct.reserveCapacity(dates.count)
        for d in dates where distinct.last != d { distinct.append(d) }
        return TalkCount(dates: distinct, firstTalk: f1)
    }

    /// Every `samtale` line of the person with the rule that lets it count or excludes it, for
    /// spell `s` with window `w` (and TALK-10 anchor). ``countTalks(_:_:window:anchor:)`` is the
    /// distinct dates of the lines that count; `ydelse explain` shows the whole list, in (dato,
    /// samtale_id) order. Without `reasons` every verdict's `reason` is empty, the lines come in
    /// the history's order and those outside the window (which never count) are left out.
    public func talkVerdicts(_ h: PersonHistory, _ s: Spell, window w: MeasurementWindow, anchor: Day?, reasons: Bool = true)
        -> (lines: [TalkVerdict], firstTalk: Day?) {
        var out: [TalkVerdict] = []
        let f1 = judgeTalks(h, s, window: w, anchor: anchor, reasons: reasons) { line, counts, rule, reason in
            out.append(TalkVerdict(line: line, counts: counts, rule: rule, reason: reasons ? reason() : ""))
        }
        return (out, f1)
    }

    /// The rules of TALK, WIN and DEAD applied to each `samtale` line (in (dato, samtale_id) order
    /// with `reasons`, else in the history's), each told to `verdict` with whether it counts, the
    /// rule that decided and the reason (worded only when called); returns F1 (TALK-9). Without
    /// `reasons` the lines outside the window are not told (they never count): the measurement
    /// of every person reads only the lines of its window.
    private func judgeTalks(_ h: PersonHistory, _ s: Spell, window w: MeasurementWindow, anchor: Day?, reasons: Bool,
                            _ verdict: (SamtaleRow, Bool, String, () -> String) -> Void) -> Day? {
        let jr = rules.jobsamtaler
        let g = s.group
        let talkStart = anchor ?? w.start
        let kontaktStart = anchor ?? s.start
        // TALK-9: F1 ignores W, dead days and whether the line itself counts.
        // (By index: a line copied out of the list is its strings retained, for every line.)
        var f1: Day?
        for i in h.samtaler.indices where g.talkType(h.samtaler[i].type) && h.samtaler[i].dato >= kontaktStart && h.samtaler[i].dato <= w.end {
            let d = h.samtaler[i].dato
            if f1.map({ d < $0 }) ?? true { f1 = d }
        }
        // DEAD-3: code 1 and 90 days (not the corona period) block a talk; TALK-4 for AD. Worked
        // out at the first line inside the window.
        var absent: [DayInterval]?, other: [DayInterval]?
        // The listing (`ydelse explain`) is in (dato, samtale_id) order; the count needs no order.
        let lines = reasons ? h.samtaler.sorted(by: { ($0.dato, $0.samtaleId) < ($1.dato, $1.samtaleId) }) : h.samtaler
        for l in lines {
            let d = l.dato
            if d < talkStart {
                if reasons { verdict(l, false, anchor == nil ? "WIN-1" : "TALK-10", { "before the window (starts \(talkStart))" }) }
                continue
            }
            if d > w.end {
                if reasons { verdict(l, false, "WIN-4", { "after E = \(w.end)" }) }
                continue
            }
            if !g.counts(l) {
                verdict(l, false, "TALK-2", { "type \(l.type.rawValue) held by \(l.afholder.rawValue) does not count for \(g.code)" }); continue
            }
            if absent == nil { absent = fravaerDays(h, codes: ["1", "90"]) }
            if IntervalSet.contains(absent!, d) { verdict(l, false, "DEAD-3", { "held on a fravær code 1/90 day" }); continue }
            if IntervalSet.contains(jr.talksNeverCount, d) {
                verdict(l, false, "DEAD-3", { "held in \(jr.talksNeverCount.map(\.description).joined(separator: ", ")), when no talk counts" }); continue
            }
            // TALK-4: an AD talk on a day without a paid 01–05 record counts only if no other benefit is paid.
            if g == .ad, !paidGroups.contains(where: { $0.periodeFra <= d && d <= $0.periodeTil }) {
                if other == nil { other = otherBenefitDays(h) }
                if IntervalSet.contains(other!, d) {
                    verdict(l, false, "TALK-4", { "no a-dagpenge paid that day and another benefit was" }); continue
                }
            }
            if g == .sdp { verdict(l, true, "TALK-2", { "SYG talk, any kontaktform" }); continue }
            let form = formVerdict(h, s, l, firstTalk: f1)
            verdict(l, form.ok, form.rule, form.reason)
        }
        return f1
    }

    /// TALK-5..8: does the kontaktform of a non-SDP talk qualify, and by which rule?
    func formQualifies(_ h: PersonHistory, _ s: Spell, _ l: SamtaleRow, firstTalk f1: Day?) -> Bool {
        formVerdict(h, s, l, firstTalk: f1).ok
    }

    /// The reason is worded only when asked for (`reason()`).
    func formVerdict(_ h: PersonHistory, _ s: Spell, _ l: SamtaleRow, firstTalk f1: Day?) -> (ok: Bool, rule: String, reason: () -> String) {
        if l.kontaktform == .personal { return (true, "TALK-5", { "held in person" }) }
        let jr = rules.jobsamtaler
        let d = l.dato
        let form = l.kontaktform.rawValue
        // TALK-7/TALK-8: Skema 2 window and form of the jobcenter's kommune, never for AK-held talks.
        let skema2 = l.afholder != .akasse && jr.skema2.allows(kommune: l.kommune, day: d, form: form)
        if jr.firstTalkInPerson.anyContains(d) {
            // TALK-5: only F1 must be in person, unless Skema 2 allows it; an offer does not waive it.
            if d != f1 { return (true, "TALK-5", { "form \(form) allowed after the first jobsamtale (F1 = \(f1.map(\.description) ?? "none"))" }) }
            return skema2 ? (true, "TALK-7", { "F1 by \(form), allowed in Skema 2 kommune \(l.kommune)" })
                          : (false, "TALK-5", { "F1 (the first jobsamtale) by \(form): must be in person" })
        }
        // TALK-6 (a) COVID windows, (b) from six months into the spell, (c) active offer, (d) Skema 2.
        if IntervalSet.contains(jr.covidAnyForm, d) { return (true, "TALK-6", { "(a) COVID window: any kontaktform" }) }
        if jr.digitalAfterSix.anyContains(d), durValue(s, at: d) >= rules.six(unit(of: s)) {
            return (true, "TALK-6", { "(b) held at least six months into the spell" })
        }
        if jr.activeOfferWaiver.anyContains(d),
           h.tilbud.contains(where: { $0.fra <= d && d <= ($0.til ?? d) && $0.fra <= lastDay }) {
            return (true, "TALK-6", { "(c) in an active offer that day" })
        }
        if skema2 { return (true, "TALK-7", { "Skema 2 kommune \(l.kommune) allows \(form) that day" }) }
        let ak = l.afholder == .akasse ? " (held by the a-kasse: no Skema 2 exception, TALK-8)" : ""
        return (false, "TALK-6", { "by \(form) with no exception (COVID, six months, active offer, Skema 2)\(ak)" })
    }

    /// TALK-4: days with another benefit than AD: any `ky` line (SKH, FTP and SHOP included),
    /// a `ksd` day, or a paid FLEUR 06/07 record (known by last(M)).
    func otherBenefitDays(_ h: PersonHistory) -> [DayInterval] {
        var out: [DayInterval] = []
        for l in h.ky where l.fra <= lastDay && l.fra <= l.til { out.append(DayInterval(l.fra, min(l.til, lastDay))) }
        for k in h.ksd where k.start <= lastDay {
            let t = min(k.slut ?? lastDay, lastDay)
            if k.start <= t { out.append(DayInterval(k.start, t)) }
        }
        struct Key: Hashable { var t: UInt8; var a: Day; var b: Day }
        var net: [Key: Int64] = [:]
        for r in h.fleur where (r.ydelsestype == 6 || r.ydelsestype == 7) && r.periodeFra <= r.periodeTil {
            net[Key(t: r.ydelsestype, a: r.periodeFra, b: r.periodeTil), default: 0] += (r.timer - r.fradragstimer) * (r.isReversal ? -1 : 1)
        }
        for (k, v) in net where v > 0 && k.a <= lastDay { out.append(DayInterval(k.a, min(k.b, lastDay))) }
        return IntervalSet.normalize(out)
    }
}
