import ColumnStore

extension PersonSimulator {
    /// A municipal benefit episode (ky), paid per calendar month, with the 2025-07-01 conversion.
    func runMunicipal(_ b: Benefit, _ s: Day, _ e0: Day) throws -> (Day, Benefit?) {
        var e = e0
        if b == .ftp { e = rangeEnd + 400 }
        let p = pnr(at: s)
        try offers(b, s, e)
        let frevEnd: Day? = (b == .rev && rng.chance(0.6)) ? s + rng.int(30, 150) : nil
        let satsKH: UInt8 = [UInt8(ascii: "M"), UInt8(ascii: "G"), UInt8(ascii: "H")][rng.pick([20, 50, 30])]
        let skh = b == .ftp && rng.chance(0.3)
        var m = s.yearMonth
        var first = true
        while m <= e.yearMonth && m.first <= rangeEnd {
            var fra = Cal.maxDay(s, m.first)
            let til = Cal.minDay(e, m.last)
            m = m.advanced(by: 1)
            // A short pause inside the spell (less than a calendar month).
            if !first && b != .ftp && rng.chance(0.06) { fra = fra + rng.int(3, 18) }
            first = false
            if fra > til { continue }
            let kom = kommuneCode(at: til)
            guard var code = b.kyCode else { preconditionFailure("a municipal episode of \(b), which ky does not pay") }
            var sats: UInt8 = 0
            if let fe = frevEnd, fra <= fe { code = "FREV" }
            if fra >= Model.conversion {
                switch b {
                case .kh: sats = satsKH
                case .uh: code = "KH"; sats = UInt8(ascii: "G")
                case .sho: code = "KH"; sats = UInt8(ascii: "M")
                default: break
                }
            }
            let lt = ltOffers.contains { Cal.overlaps($0, fra, til) } && b != .ftp && b != .shop
            try kyLine(p, code, sats: sats, fra, til, kom, lt: lt)
            if skh { try kyLine(p, "SKH", sats: 0, fra, til, kom, lt: false) }
        }
        if b != .ftp && b != .shop { try talks(b, s, e) }
        if b != .ftp { try exemptions(b, s, e) }
        try maalgruppeFor(b, s, e)
        if (b == .kh || b == .uh || b == .sho) && rng.chance(0.6) {
            let before = (s >= Model.day(2024, 1, 1) && rng.chance(0.5)) ? rng.int(10, 85) : rng.int(0, 30)
            line.pnr(p); line.sep(); line.date(s - before)
            try emit(.tilmelding, (s - before).yearMonth)
        }
        // Benefit changes straight after the episode.
        var next: Benefit?
        let r = rng.unit()
        switch b {
        case .sho: next = r < 0.5 ? .kh : nil                 // SHO just before KH (SPELL-5)
        case .kh: next = r < 0.08 ? .res : (r < 0.13 ? .rev : (r < 0.16 ? .led : nil))
        case .uh: next = r < 0.06 ? .kh : nil
        case .jaf: next = r < 0.2 ? .res : nil
        case .res: next = r < 0.1 ? .ftp : (r < 0.2 ? .jaf : nil)
        case .shop: next = r < 0.3 ? .kh : nil
        default: next = nil
        }
        return (e, next)
    }

    /// Kontaktgruppe/visitation rows; UH/SHO spells running into 2025-07 may change 12 → 2.
    private func maalgruppeFor(_ b: Benefit, _ s: Day, _ e: Day) throws {
        switch b {
        case .kh, .sho, .shop:
            let grp: StaticString = (b == .kh && s >= Model.day(2025, 1, 1) && rng.chance(0.3)) ? "12" : "2"
            if grp.same("12") && e >= Model.conversion {
                try shift(s, e, visitation: "A")
            } else {
                try maalgruppeRow(s, e, kontaktgruppe: grp, visitation: rng.chance(0.5) ? "J" : "A")
            }
        case .uh:
            let vis: StaticString = rng.chance(0.6) ? "U" : "OU"
            if e >= Model.conversion { try shift(s, e, visitation: vis) }
            else { try maalgruppeRow(s, e, kontaktgruppe: "12", visitation: vis) }
        case .rev, .res, .jaf, .led:
            try maalgruppeRow(s, e, kontaktgruppe: "12", visitation: "A")
        default:
            break
        }
    }

    /// Kontaktgruppe 12 then (often) 2 from a day on or after 2025-07-01 (SPELL-8).
    private func shift(_ s: Day, _ e: Day, visitation: StaticString) throws {
        let r = rng.unit()
        if r < 0.35 {
            try maalgruppeRow(s, e, kontaktgruppe: "12", visitation: visitation)
            return
        }
        var d = r < 0.65 ? Model.conversion : Cal.maxDay(Model.conversion, s) + rng.int(1, 90)
        if d <= s { d = s + 1 }
        if d > e { try maalgruppeRow(s, e, kontaktgruppe: "12", visitation: visitation); return }
        try maalgruppeRow(s, d - 1, kontaktgruppe: "12", visitation: visitation)
        try maalgruppeRow(d, e, kontaktgruppe: "2", visitation: "J")
    }

    /// A sygedagpenge episode: ksd rows (some overlapping), SYG talks, code 91.
    func runSDP(_ s: Day, _ e0: Day) throws -> (Day, Benefit?) {
        let p = pnr(at: s)
        var e = e0
        let kom = kommuneCode(at: s)
        try ksdRow(p, s, e, kom)
        let r = rng.unit()
        if r < 0.08 && e - s > 12 {
            // A second report overlapping the first: merged by the rules (SPELL-2).
            let s2 = s + rng.int(5, e - s - 2)
            let e2 = e + rng.int(5, 60)
            try ksdRow(p, s2, e2, kom)
            e = e2
        } else if r < 0.11 {
            try ksdRow(p, s, s + rng.int(0, max(0, e - s - 1)), kom)   // same start, shorter
        } else if r < 0.13 {
            try ksdRow(p, e, e + rng.int(5, 30), kom)                   // starts on slut: separate
            e = e + 30
        }
        try talks(.sdp, s + rng.int(10, 50), e)
        try exemptions(.sdp, s, e)
        if s >= Model.day(2024, 10, 1) && rng.chance(0.3) {
            let d = s + rng.int(5, 120)
            if d <= e { try fravaerRow(91, d, d + rng.int(0, 3)) }
        }
        let next: Benefit? = rng.chance(0.08) ? .jaf : nil
        return (e, next)
    }

    private func ksdRow(_ p: Int64, _ s: Day, _ e: Day, _ kom: String) throws {
        let id = nextId(2)
        func row(_ end: Day?) {
            line.pnr(p); line.sep(); key(75, p, id); line.sep(); line.date(s); line.sep(); line.date(end)
            line.sep(); line.text(kom)
        }
        let known = e + rng.int(0, 25)
        if known.yearMonth > s.yearMonth {
            row(nil); try emit(.ksd, s.yearMonth)
        }
        row(e); try emit(.ksd, known.yearMonth)
    }

    /// Efterløn (FLEUR 07) and ny midlertidig arbejdsfordeling (FLEUR 06): paid, never measured.
    func runFleurOther(_ b: Benefit, _ s: Day, _ e0: Day) throws -> (Day, Benefit?) {
        let e = b == .efterloen ? rangeEnd : e0
        let ak = akasseIndex(at: s)
        guard ak >= 0 else { return (e, nil) }
        let p = pnr(at: s)
        let full = partTime ? 13000 : 16033
        for (fra, til, _, monthHours) in Cal.monthlySlices(s, e, full: full) {
            var timer = monthHours
            if b == .arbejdsfordeling { timer = timer * rng.int(20, 50) / 100 }
            let rec = FleurRecord(pnr: p, akasse: ak, fra: fra, til: til, type: b == .efterloen ? "07" : "06",
                                  timer: timer, fradrag: 0, partTime: partTime, kommune: kommuneCode(at: til),
                                  udbetaling: til.yearMonth.last, reversal: false)
            line.fleur(rec); try emit(.fleur, rec.udbetaling.yearMonth)
        }
        return (e, nil)
    }
}
