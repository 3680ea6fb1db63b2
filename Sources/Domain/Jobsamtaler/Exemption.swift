import ColumnStore
import ReferenceData

/// The exemption figures of a measured spell (EXEMPT-1..4).
public struct Exemption: Sendable, Hashable {
    /// EXEMPT-2 numerator: exempt days, or (AD) hundredths of an hour on exempt days, rounded (DUR-7).
    public var exemptAmount: Int64
    /// EXEMPT-2 denominator: non-dead days in W, or (AD) hundredths of an hour on them, rounded.
    public var windowAmount: Int64
    /// EXEMPT-4: distinct non-dead days in W covered by code 92.
    public var miiDays: Int
    /// EXEMPT-3: the person is exempt.
    public var isExempt: Bool

    /// EXEMPT-2 share as a fraction 0...1 (0 when the denominator is 0).
    public var share: Double { windowAmount > 0 ? Double(exemptAmount) / Double(windowAmount) : 0 }
}

/// Why a measured spell is left out of the jobsamtaler measurement (not even Måling 5).
public enum JobsamtaleExclusion: String, Sendable, Hashable {
    /// POP-5: every day of the spell in M is covered by fravær code 1 (barsel) or 90.
    case absentAllMonth = "POP-5"
    /// POP-6 / EXEMPT-6: sygedagpenge with code 91 in the first six months.
    case code91 = "POP-6"
}

extension PersonTimeline {
    /// `fravaer` periods with one of `codes`, known by last(M) and cut at last(M) (CONV-10), merged.
    func fravaerDays(_ h: PersonHistory, codes: Set<String>) -> [DayInterval] {
        var out: [DayInterval] = []
        for f in h.fravaer where codes.contains(f.kode) && f.fra <= lastDay {
            let t = min(f.til ?? lastDay, lastDay)
            if f.fra <= t { out.append(DayInterval(f.fra, t)) }
        }
        return IntervalSet.normalize(out)
    }

    /// POP-5: every day of σ in M, `max(start, first(M))...E`, is covered by code 1 or 90
    /// (the corona dead period never triggers it).
    func allDaysInMonthAbsent(_ s: Spell, e: Day, absent: [DayInterval]) -> Bool {
        let a = max(s.start, month.first)
        guard a <= e else { return false }
        return IntervalSet.dayCount(absent, in: a, e) == e - a + 1
    }

    /// EXEMPT-6 / POP-6: an SDP spell under `six` with a non-dead code-91 day in [start, E] that
    /// lies in an EXEMPT-6 window is not measured at all.
    func excludedByCode91(_ h: PersonHistory, _ s: Spell, e: Day) -> Bool {
        guard s.group == .sdp, durValue(s, at: e) < rules.six(.days) else { return false }
        let days = IntervalSet.subtract(IntervalSet.clip(fravaerDays(h, codes: ["91"]), s.start, e), deadDays)
        for iv in days {
            for w in rules.jobsamtaler.code91Excludes {
                let lo = max(iv.from, w.from ?? iv.from), hi = min(iv.to, w.to ?? iv.to)
                if lo <= hi { return true }
            }
        }
        return false
    }

    /// POP-5 / POP-6 (EXEMPT-8 order): why a measured spell `s` with E = `e` is left out of the
    /// measurement altogether, or nil when it is measured (or exempt).
    public func exclusion(_ h: PersonHistory, _ s: Spell, e: Day) -> JobsamtaleExclusion? {
        if allDaysInMonthAbsent(s, e: e, absent: fravaerDays(h, codes: ["1", "90"])) { return .absentAllMonth }
        if excludedByCode91(h, s, e: e) { return .code91 }
        return nil
    }

    /// EXEMPT-1..4: the exemption share and MII days of spell `s` in window `w`, and whether
    /// the person is exempt under the EXEMPT-3 thresholds of M.
    public func exemption(_ h: PersonHistory, _ s: Spell, window w: MeasurementWindow) -> Exemption {
        let jr = rules.jobsamtaler
        let tableGroup = TableGroupResolver(self, h, s)
        // EXEMPT-1: exempt days in W (CONV-10: fravaer up to last(M)), dead days removed below.
        var exempt: [DayInterval] = []
        var runStart: Day?, runEnd = w.start
        func flush() { if let a = runStart { exempt.append(DayInterval(a, runEnd)); runStart = nil } }
        for f in h.fravaer where f.fra <= lastDay {
            let lo = max(f.fra, w.start), hi = min(f.til ?? lastDay, lastDay, w.end)
            guard lo <= hi else { continue }
            var d = lo
            // The table group changes seldom from day to day: its table cell is looked up again
            // only when it does; the visitation is read only for a cell that asks for one.
            var cellGroup: String?, cell: ExemptionCodeTable.Entry?
            while d <= hi {
                let g = tableGroup.group(on: d)
                if g != cellGroup { (cellGroup, cell) = (g, jr.exemptionCodes.entry(code: f.kode, group: g)) }
                let ok = cell.map { $0.counts(day: d, visitation: $0.visitation.isEmpty ? nil : visitation(h, on: d), month: month) } ?? false
                if ok {
                    if runStart != nil, runEnd + 1 == d { runEnd = d } else { flush(); runStart = d; runEnd = d }
                }
                d = d + 1
            }
            flush()
        }
        let exemptDays = IntervalSet.subtract(IntervalSet.normalize(exempt), deadDays)
        let num: Int64, den: Int64
        if s.group == .ad {
            var x = ExactHours()
            for iv in exemptDays { x.add(hoursSum(s, from: iv.from, to: iv.to)) }
            num = x.roundedHundredths
            den = hoursSum(s, from: w.start, to: w.end).roundedHundredths
        } else {
            num = Int64(exemptDays.reduce(0) { $0 + $1.dayCount })
            den = Int64((w.end - w.start + 1) - IntervalSet.dayCount(deadDays, in: w.start, w.end))
        }
        // EXEMPT-4: MII days.
        let mii = IntervalSet.subtract(IntervalSet.clip(fravaerDays(h, codes: ["92"]), w.start, w.end), deadDays)
            .reduce(0) { $0 + $1.dayCount }
        // EXEMPT-3: thresholds of M; the first six months are dur(σ, E) < six.
        let t = jr.thresholds.row(for: month)
        let beforeSix = durValue(s, at: w.end) < rules.six(unit(of: s))
        let pct = Int64(beforeSix ? t.sharePercentBeforeSix : t.sharePercentFromSix)
        var isExempt = den > 0 && num * 100 >= pct * den
        if beforeSix, let m = t.miiDaysBeforeSix, mii >= m { isExempt = true }
        return Exemption(exemptAmount: num, windowAmount: den, miiDays: mii, isExempt: isExempt)
    }

    /// `maalgruppe.visitation` on day d: the covering period with the latest `fra` (known by last(M)).
    func visitation(_ h: PersonHistory, on d: Day) -> String? {
        let rows = h.maalgruppe
        var best: Int?
        for i in rows.indices where rows[i].fra <= d && rows[i].fra <= lastDay && d <= (rows[i].til ?? d) {
            if best == nil || rows[i].fra >= rows[best!].fra { best = i }
        }
        return best.flatMap { rows[$0].visitation }
    }
}

/// EXEMPT-1: the EXEMPT-5 table group of a day of a spell. The spell's group, except for KH
/// spells: days paid as UH or SHO use that table; from the SPELL-7 day KH days use the table of
/// their sats (H: KH, G: UH, M: SHO); a gap day uses the benefit of the latest payment before it.
struct TableGroupResolver {
    struct Piece { var from: Day; var to: Day; var group: String }
    let fixed: String?
    let pieces: [Piece]

    init(_ t: PersonTimeline, _ h: PersonHistory, _ s: Spell) {
        guard s.group == .kh else {
            fixed = s.group.code
            pieces = []
            return
        }
        fixed = nil
        let conv = t.rules.conversionFrom
        var out: [Piece] = []
        func bySats(_ sats: KHSats?) -> String {
            switch sats {
            case .grund: return BenefitGroup.uh.code
            case .mindste: return BenefitGroup.sho.code
            case .hoejeste, nil: return BenefitGroup.kh.code
            }
        }
        for l in h.ky where [.kh, .uh, .sho].contains(l.ydelse) && l.fra <= t.lastDay && l.fra <= l.til {
            let to = min(l.til, t.lastDay)
            // Lines inside the spell's span (an absorbed SHO spell lies before its KH days).
            guard l.fra <= (s.lastBenefitDay ?? t.lastDay), to >= s.start else { continue }
            let own = BenefitGroup(ky: l.ydelse)!.code
            if l.fra < conv { out.append(Piece(from: l.fra, to: min(to, conv - 1), group: own)) }
            if to >= conv { out.append(Piece(from: max(l.fra, conv), to: to, group: bySats(l.sats))) }
        }
        pieces = out.sorted { $0.from < $1.from }
    }

    /// The table group of day d: the covering piece with the latest start, else the piece
    /// that ended last before d.
    func group(on d: Day) -> String {
        if let f = fixed { return f }
        var covering: Int?, before: Int?
        for i in pieces.indices {
            if pieces[i].from > d { break }
            if pieces[i].to >= d { covering = i } else if before == nil || pieces[i].to >= pieces[before!].to { before = i }
        }
        return (covering ?? before).map { pieces[$0].group } ?? pieces.first?.group ?? BenefitGroup.kh.code
    }
}
