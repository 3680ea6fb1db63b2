import ColumnStore
import ReferenceData

extension PersonSimulator {
    /// An a-dagpenge episode: taeller, FLEUR, experiment, talks, exemptions, offers.
    func runAD(_ s: Day, _ e0: Day) throws -> (Day, Benefit?) {
        let ak = akasseIndex(at: s)
        let p = pnr(at: s)
        var e = e0
        var next: Benefit?
        var newPeriod = false
        if let per = periode, per.start >= s - 600, rng.chance(0.45) {
            _ = per  // continue the running dagpengeperiode (sammenlagt ledighed)
        } else {
            newPeriod = true
            if let per = periode { try taellerRow(per.id, per.start, end: s - 1, known: s) }
            if var f = forsoeg { try endForsoeg(&f, at: s, code: "ND") }
            let id = nextId(0)
            periode = (id, s)
            try taellerRow(id, s, end: nil, known: s)
            if rng.chance(0.85) {
                let before = (s >= Model.day(2024, 1, 1) && rng.chance(0.35)) ? rng.int(15, 85) : rng.int(0, 14)
                line.pnr(p); line.sep(); line.date(s - before)
                try emit(.tilmelding, (s - before).yearMonth)
            }
            try maybeVisit(s, p: p, ak: ak)
        }
        // Exhaustion of the dagpengeperiode after two years: the period ends, KH follows.
        let exhaust = periode!.start + 729
        if e >= exhaust {
            e = exhaust
            try taellerRow(periode!.id, periode!.start, end: exhaust, known: exhaust + rng.int(0, 20))
            periode = nil
            next = rng.chance(0.7) ? .kh : nil
        }
        let akCode = ak
        // Offers first, so payments in a løntilskud month become type 02.
        try offers(.ad, s, e)
        let epType: StaticString
        let r = rng.unit()
        epType = r < 0.97 ? "01" : (r < 0.98 ? "03" : (r < 0.99 ? "04" : "05"))
        let skh = rng.chance(0.05)
        let full = partTime ? 13000 : 16033
        for (fra, til, wd, timer) in Cal.monthlySlices(s, e, full: full) {
            var fradrag = 0
            if rng.chance(0.2) { fradrag = min(timer, rng.int(1, 8) * 740) }
            let inLT = ltOffers.contains { Cal.overlaps($0, fra, til) }
            let kom = kommuneCode(at: til)
            var rec = FleurRecord(pnr: p, akasse: akCode, fra: fra, til: til, type: inLT ? "02" : epType,
                                  timer: timer, fradrag: fradrag, partTime: partTime, kommune: kom,
                                  udbetaling: til.yearMonth.last, reversal: false)
            line.fleur(rec); try emit(.fleur, rec.udbetaling.yearMonth)
            if fradrag > 0 {
                line.pnr(p); line.sep(); line.month(fra.yearMonth); line.sep(); line.decimalHours(fradrag)
                try emit(.eindkomst, fra.yearMonth.advanced(by: 1))
            }
            if rng.chance(0.015) {
                // Reversal of this payment, and usually a corrected payment, in a later delivery.
                let later = (til + rng.int(20, 60)).yearMonth.last
                rec.reversal = true; rec.udbetaling = later
                line.fleur(rec); try emit(.fleur, later.yearMonth)
                if rng.chance(0.7) {
                    rec.reversal = false
                    if forsoeg == nil { rec.fradrag = min(rec.timer, rec.fradrag + 740) }
                    line.fleur(rec); try emit(.fleur, later.yearMonth)
                } else {
                    continue   // reversed for good: these hours were never paid
                }
            }
            if skh {
                try kyLine(p, "SKH", sats: 0, fra, til, kom, lt: false)
            }
            if var f = forsoeg { consume(&f, fra, til, net: rec.timer - rec.fradrag, wd: wd); forsoeg = f }
        }
        // Experiment outcome as far as this episode goes.
        if var f = forsoeg { try settleForsoeg(&f, episodeEnd: e) }
        // Jobcenter talks: in the experiment the a-kasse holds the first three months.
        let talkStart = (newPeriod && forsoeg != nil) ? s + 90 : s
        try talks(.ad, talkStart, e)
        try exemptions(.ad, s, e)
        try maalgruppeRow(s, e, kontaktgruppe: "1", visitation: "J")
        return (e, next)
    }

    func taellerRow(_ id: Int, _ start: Day, end: Day?, known: Day) throws {
        let p = pnr(at: start)
        line.pnr(p); line.sep(); key(84, p, id); line.sep(); line.date(start); line.sep(); line.date(end); line.sep()
        line.char(partTime ? UInt8(ascii: "D") : UInt8(ascii: "H"))
        try emit(.taeller, known.yearMonth)
    }

    func kyLine(_ p: Int64, _ code: StaticString, sats: UInt8, _ fra: Day, _ til: Day, _ kom: String, lt: Bool) throws {
        line.pnr(p); line.sep(); line.ascii(code); line.sep()
        if sats != 0 { line.char(sats) }
        line.sep(); line.date(fra); line.sep(); line.date(til); line.sep(); line.text(kom); line.sep()
        line.char(lt ? UInt8(ascii: "J") : UInt8(ascii: "N"))
        try emit(.ky, til.yearMonth)
    }

    // MARK: the experiment (forsoeg)

    private func maybeVisit(_ s: Day, p: Int64, ak: Int) throws {
        guard s >= Model.experimentStart, s <= Model.experimentLastVisitation, ak >= 0, ak < 9 else { return }
        let kom = kommuneIndex(at: s)
        guard Model.permitted.contains(ExperimentPair(akasse: Model.akasseCodes[ak], kommune: Model.kommuner[kom].code)),
              rng.chance(0.96) else { return }
        let visit = s + rng.int(0, 6)
        var f = ForsoegState(id: nextId(1), pnr: p, akasse: ak, kommune: kom, visit: visit, good: rng.chance(0.9))
        let r = rng.unit()
        let young = age(at: s) < 30
        if r < 0.04 { f.planned = (visit + rng.int(14, 70), "TI") }
        else if r < (young ? 0.10 : 0.055) { f.planned = (visit + rng.int(14, 70), "UP") }
        // Leaving the a-kasse or moving to a kommune outside the experiment ends the forløb.
        for (d, a) in akasseTimeline where d > visit && a != ak {
            if f.planned == nil || d < f.planned!.day { f.planned = (d, "UA") }
        }
        for mv in moves where mv.day > visit {
            let ok = Model.permitted.contains(ExperimentPair(akasse: Model.akasseCodes[ak], kommune: Model.kommuner[mv.kommune].code))
            if !ok, f.planned == nil || mv.day < f.planned!.day { f.planned = (mv.day, "KE") }
        }
        try forsoegRow(f, end: nil, code: nil, known: visit)
        stats.forloeb += 1
        forsoeg = f
        // Offers given by the a-kasse during the forløb.
        if rng.chance(0.4) {
            let kat: [StaticString] = ["VO", "JRU", "VP", "LT", "RAT"]
            let k = rng.pick([55, 26, 19, 1.2, 0.3])
            let fra = visit + rng.int(7, 70)
            let til = fra + (k == 1 ? rng.int(20, 41) : rng.int(10, 60))
            try tilbudRow(kat[k], fra, til, akasse: ak)
        }
    }

    func forsoegRow(_ f: ForsoegState, end: Day?, code: StaticString?, known: Day) throws {
        line.pnr(f.pnr); line.sep(); key(70, f.pnr, f.id); line.sep()
        line.digits(f.akasse + 1, width: 2); line.sep(); line.text(Model.kommuner[f.kommune].code); line.sep()
        line.date(f.visit); line.sep(); line.date(end); line.sep()
        if let code { line.ascii(code) }
        line.sep(); line.char(partTime ? UInt8(ascii: "D") : UInt8(ascii: "H"))
        try emit(.forsoeg, known.yearMonth)
    }

    /// Adds the hours of one paid record (one month) from the visitation on, outside the suspensions.
    private func consume(_ f: inout ForsoegState, _ fra: Day, _ til: Day, net: Int, wd: Int) {
        guard f.reached == nil, net > 0, til >= f.visit else { return }
        let perDay = Double(net) / 100 / Double(wd)
        let threshold = (partTime ? 333.0 : 410.0) - 0.005 - 1e-9
        var d = fra
        while d <= til {
            if d >= f.visit, d.isWeekday, !Model.suspensions.contains(where: { $0.contains(d) }) {
                f.consumed += perDay
                if f.consumed >= threshold { f.reached = d; return }
            }
            d = d + 1
        }
    }

    private func settleForsoeg(_ f: inout ForsoegState, episodeEnd: Day) throws {
        if let reached = f.reached, f.planned == nil || reached <= f.planned!.day {
            var reg = reached
            let r = rng.unit()
            if r < 0.035 { reg = Cal.maxDay(f.visit, reached - rng.int(3, 25)) }       // too early
            else if r < 0.07 { reg = reached + rng.int(35, 75) }                     // too late
            try endForsoeg(&f, at: reg, code: "FA")
        } else if let pl = f.planned, pl.day <= episodeEnd {
            try endForsoeg(&f, at: pl.day, code: pl.code)
        }
    }

    func endForsoeg(_ f: inout ForsoegState, at d: Day, code: StaticString) throws {
        try forsoegTalks(&f, until: d)
        try forsoegRow(f, end: d, code: code, known: d + rng.int(0, 10))
        forsoeg = nil
    }

    /// The a-kasse's conversations in the forløb (FSG-0.5): most members get two or more
    /// individual jobsamtaler in the three months, a few do not.
    func forsoegTalks(_ f: inout ForsoegState, until end: Day) throws {
        let ak = f.akasse
        var d = f.visit + rng.int(0, 10)
        var n = 0
        let maxTalks = f.good ? 20 : rng.int(0, 1)
        var fjobDone = !rng.chance(0.4)
        while d <= end && n < maxTalks {
            d = weekdayOnOrAfter(d)
            if d > end { break }
            let types: [StaticString]
            if n == 0 { types = rng.chance(0.45) ? ["JOB", "CV"] : ["JOB"] }
            else if !fjobDone && n >= 2 { types = ["FJOB"]; fjobDone = true }
            else { types = rng.chance(0.2) ? ["JOB", "RAAD"] : ["JOB"] }
            let form = contactForm(d, kommune: kommuneCode(at: d), akHeld: true)
            let indiv = rng.chance(0.96)
            for t in types {
                let holder: StaticString = t.same("FJOB") ? "JC" : "AK"
                try talkLine(f.pnr, d, type: t, form: form, holder: holder, indiv: indiv, kommune: kommuneCode(at: d), akasse: ak)
            }
            n += 1
            d = d + rng.int(14, 32)
        }
    }

    func weekdayOnOrAfter(_ d: Day) -> Day {
        var x = d
        while !x.isWeekday { x = x + 1 }
        return x
    }
}
