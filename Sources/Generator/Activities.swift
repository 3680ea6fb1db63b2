import ColumnStore

extension PersonSimulator {
    // MARK: samtale

    /// Kontaktform by period: lockdown and COVID windows are mostly remote,
    /// the Nordjyske frikommuner use digital talks until 2023.
    func contactForm(_ d: Day, kommune: String, akHeld: Bool) -> UInt8 {
        var w: [Double]   // P, T, D
        if Model.lockdown.contains(d) { w = [10, 60, 30] }
        else if Model.covidRemote.contains(where: { $0.contains(d) }) { w = [40, 40, 20] }
        else if d < Model.inPersonFirst { w = [62, 24, 14] }
        else { w = [76, 14, 10] }
        if !akHeld, Model.nordjyske.contains(kommune), d <= Model.day(2023, 12, 31) { w[2] += 25 }
        return [UInt8(ascii: "P"), UInt8(ascii: "T"), UInt8(ascii: "D")][rng.pick(w)]
    }

    func talkLine(_ p: Int64, _ d: Day, type: StaticString, form: UInt8, holder: StaticString, indiv: Bool,
                  kommune: String, akasse: Int) throws {
        let id = nextId(3)
        func row(_ f: UInt8) {
            line.pnr(p); line.sep(); key(83, p, id); line.sep(); line.date(d); line.sep(); line.ascii(type); line.sep()
            line.char(f); line.sep(); line.ascii(holder); line.sep(); line.char(indiv ? UInt8(ascii: "J") : UInt8(ascii: "N"))
            line.sep(); line.text(kommune); line.sep()
            if akasse >= 0 { line.digits(akasse + 1, width: 2) }
        }
        row(form)
        try emit(.samtale, d.yearMonth)
        if rng.chance(0.01) {
            // A correction delivered later under the same key (keyed replacement).
            row(form == UInt8(ascii: "P") ? UInt8(ascii: "T") : UInt8(ascii: "P"))
            try emit(.samtale, d.yearMonth.advanced(by: 1))
        }
    }

    /// Jobcenter conversations over `a...b` at the benefit's cadence and the kommune's factor.
    func talks(_ b: Benefit, _ a: Day, _ end: Day) throws {
        guard b.talkEvery > 0, a <= end else { return }
        let stop = Cal.minDay(end, rangeEnd)
        let ki = kommuneIndex(at: a)
        let mean = b.talkEvery / Model.talkFactor[ki]
        var d = a + rng.int(3, Int(mean))
        while d <= stop {
            d = weekdayOnOrAfter(d)
            if d > stop { break }
            if Model.lockdown.contains(d) && rng.chance(0.7) { d = d + rng.int(7, 20); continue }
            let p = pnr(at: d)
            var kom = kommuneCode(at: d)
            if rng.chance(0.02) { kom = Model.kommuner[rng.int(0, Model.kommuner.count - 1)].code }
            let form = contactForm(d, kommune: kom, akHeld: false)
            let indiv = rng.chance(0.93)
            if b == .sdp {
                try talkLine(p, d, type: "SYG", form: form, holder: "JC", indiv: true, kommune: kom, akasse: -1)
            } else {
                var holder: StaticString = "JC"
                var ak = -1
                let r = rng.unit()
                if r < 0.11 { holder = "AA" }
                else if b == .ad && r < 0.16 { holder = "AK"; ak = akasseIndex(at: d) }
                try talkLine(p, d, type: "JOB", form: form, holder: holder, indiv: indiv, kommune: kom, akasse: ak)
                let extra = rng.unit()
                if extra < 0.10 {
                    try talkLine(p, d, type: "CV", form: form, holder: holder, indiv: indiv, kommune: kom, akasse: ak)
                } else if extra < 0.12 {
                    let other = form == UInt8(ascii: "P") ? UInt8(ascii: "T") : UInt8(ascii: "P")
                    try talkLine(p, d, type: "JOB", form: other, holder: holder, indiv: indiv, kommune: kom, akasse: ak)
                } else if extra < 0.14 && b == .ad {
                    let a2 = akasseIndex(at: d)
                    try talkLine(p, d, type: "RAAD", form: form, holder: "AK", indiv: true, kommune: kom, akasse: a2)
                }
            }
            d = d + rng.expLength(mean: mean, min: 7)
        }
    }

    // MARK: fravaer

    func fravaerRow(_ code: Int, _ fra: Day, _ til: Day) throws {
        let p = pnr(at: fra)
        let id = nextId(4)
        func row(_ end: Day?) {
            line.pnr(p); line.sep(); key(65, p, id); line.sep(); line.number(code); line.sep()
            line.date(fra); line.sep(); line.date(end)
        }
        if til.yearMonth > fra.yearMonth && rng.chance(0.5) {
            row(nil); try emit(.fravaer, fra.yearMonth)
            row(til); try emit(.fravaer, til.yearMonth)
        } else {
            row(til); try emit(.fravaer, fra.yearMonth)
        }
    }

    /// Exemptions, dead periods (1, 90) and MII (92) during an episode.
    func exemptions(_ b: Benefit, _ s: Day, _ e: Day) throws {
        let len = e - s + 1
        guard len > 1, let codes = Model.exemptCodes[b] else { return }
        func validCode(_ d: Day) -> Int {
            var c = codes[rng.int(0, codes.count - 1)]
            if c == 77 && d < Model.day(2021, 11, 29) { c = codes[0] }
            if (c == 78 || c == 79) && d < Model.day(2021, 6, 21) { c = codes[0] }
            return c
        }
        if rng.chance(0.14) {
            let fra = s + rng.int(0, len - 1)
            let l = rng.chance(0.6) ? rng.int(1, 14) : rng.int(15, 60)
            try fravaerRow(validCode(fra), fra, Cal.minDay(e, fra + l - 1))
        }
        if rng.chance(0.06) {
            // A long exemption: more than 30 % and often more than 50 % of the spell.
            let fra = s + rng.int(0, len / 5)
            let til = Cal.minDay(e, fra + len * rng.int(35, 75) / 100)
            let c = b == .sdp ? 53 : (codes.contains(10) ? 10 : codes[0])
            try fravaerRow(c, fra, til)
        }
        if rng.chance(0.03) {
            let fra = s + rng.int(0, len - 1)
            try fravaerRow(1, fra, fra + rng.int(30, 180))          // barsel: dead period
        }
        if rng.chance(0.025) {
            let fra = s + rng.int(0, len - 1)
            try fravaerRow(90, fra, fra + rng.int(14, 120))         // opfølgning uden kontakt
        }
        if s >= Model.day(2021, 1, 1) && b != .sdp && rng.chance(0.06) {
            let fra = weekdayOnOrAfter(s + rng.int(0, min(len - 1, 150)))
            try fravaerRow(92, fra, fra + rng.int(2, 9))            // MII days
        }
        if rng.chance(0.01) {
            let fra = s + rng.int(0, len - 1)
            try fravaerRow(b == .ad ? 47 : 11, fra, fra + rng.int(1, 10))   // a code that does not count here
        }
    }

    // MARK: maalgruppe, tilbud

    func maalgruppeRow(_ fra: Day, _ til: Day, kontaktgruppe: StaticString, visitation: StaticString) throws {
        let p = pnr(at: fra)
        let id = nextId(5)
        func row(_ end: Day?) {
            line.pnr(p); line.sep(); key(71, p, id); line.sep(); line.date(fra); line.sep(); line.date(end); line.sep()
            line.ascii(kontaktgruppe); line.sep(); line.ascii(visitation)
        }
        if til.yearMonth > fra.yearMonth {
            row(nil); try emit(.maalgruppe, fra.yearMonth)
        }
        row(til); try emit(.maalgruppe, (til + 1).yearMonth)
    }

    func tilbudRow(_ kat: StaticString, _ fra: Day, _ til: Day, akasse: Int) throws {
        let p = pnr(at: fra)
        let id = nextId(6)
        line.pnr(p); line.sep(); key(79, p, id); line.sep(); line.ascii(kat); line.sep(); line.date(fra); line.sep()
        line.date(til); line.sep(); line.text(kommuneCode(at: fra)); line.sep()
        if akasse >= 0 { line.digits(akasse + 1, width: 2) }
        try emit(.tilbud, fra.yearMonth)
        if kat.same("LT") { ltOffers.append(fra...til) }
    }

    /// Active offers in an episode, in all five categories.
    func offers(_ b: Benefit, _ s: Day, _ e: Day) throws {
        ltOffers.removeAll(keepingCapacity: true)
        guard b != .ftp, b != .sdp, b != .efterloen, b != .arbejdsfordeling, e - s > 40, rng.chance(0.24) else { return }
        let kat: [StaticString] = ["VO", "JRU", "VP", "LT", "RAT"]
        let k = rng.pick([42, 10, 30, 14, 4])
        let fra = s + rng.int(20, min(150, e - s - 10))
        let len: Int
        switch k {
        case 0: len = rng.int(10, 60)
        case 1: len = rng.int(30, 42)
        case 2: len = rng.int(14, 90)
        case 3: len = rng.int(90, 180)
        default: len = rng.int(14, 30)
        }
        try tilbudRow(kat[k], fra, fra + len - 1, akasse: -1)
    }
}
