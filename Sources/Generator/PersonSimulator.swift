import ColumnStore
import ReferenceData

/// Simulates one person's whole register history and writes it, record by
/// record, into the deliveries (see docs/GENERATOR.md for the model).
///
/// The simulator is reused across persons; everything it keeps between calls
/// is scratch space. A person's records depend only on `(seed, person index)`.
final class PersonSimulator {
    let out: DeliveryWriterSet
    let seed: UInt64
    let rangeStart: Day
    let rangeEnd: Day
    var line = LineBuilder()
    var stats = GeneratorStats()

    // MARK: per-person state
    var rng = Prng(seed: 0, stream: 0)
    var pnrA: Int64 = 0
    var pnrB: Int64 = 0
    var pnrChange: Day?
    var birth = Day(rawValue: 0)
    var moves: [(day: Day, kommune: Int)] = []
    var akasseTimeline: [(day: Day, akasse: Int)] = []   // akasse index 0…29, -1 = not a member
    var partTime = false
    var counters = [Int](repeating: 0, count: 8)
    var periode: (id: Int, start: Day)?
    var forsoeg: ForsoegState?
    var ltOffers: [ClosedRange<Day>] = []
    var consumedSinceLastEpisode = false

    struct ForsoegState {
        var id: Int
        var pnr: Int64
        var akasse: Int
        var kommune: Int
        var visit: Day
        var consumed: Double = 0
        var reached: Day?
        var planned: (day: Day, code: StaticString)?
        var good: Bool
    }

    init(out: DeliveryWriterSet, seed: UInt64) {
        self.out = out
        self.seed = seed
        rangeStart = out.from.first
        rangeEnd = out.to.last
    }

    // MARK: identity helpers

    static func scramble(_ i: UInt64) -> Int64 {
        let mod: UInt64 = 10_000_000_000
        let p = (i % mod).multipliedFullWidth(by: 7_919_731_003)
        let r = mod.dividingFullWidth((p.high, p.low)).remainder
        return Int64((r + 1_234_567_891) % mod)
    }

    @inline(__always) func pnr(at d: Day) -> Int64 {
        if let c = pnrChange, d >= c { return pnrB }
        return pnrA
    }

    func kommuneIndex(at d: Day) -> Int {
        var k = moves[0].kommune
        for m in moves where m.day <= d { k = m.kommune }
        return k
    }

    func kommuneCode(at d: Day) -> String { Model.kommuner[kommuneIndex(at: d)].code }

    func akasseIndex(at d: Day) -> Int {
        var a = -1
        for x in akasseTimeline where x.day <= d { a = x.akasse }
        return a
    }

    func age(at d: Day) -> Int {
        let b = birth.components, c = d.components
        var a = c.year - b.year
        if (c.month, c.day) < (b.month, b.day) { a -= 1 }
        return a
    }

    @inline(__always) func nextId(_ kind: Int) -> Int { counters[kind] += 1; return counters[kind] }

    /// `<prefix><pnr>-<n>`: unique per source because the pnr is unique.
    @inline(__always) func key(_ prefix: UInt8, _ p: Int64, _ n: Int) {
        line.char(prefix); line.pnr(p); line.char(45); line.number(n)
    }

    @inline(__always) func emit(_ s: Source, _ month: YearMonth) throws {
        line.char(10)
        try out.append(s, month: month, line: &line)
        line.reset()
    }

    @inline(__always) func kommuneField(_ code: String) { line.text(code) }

    // MARK: the person

    func simulate(index: Int) throws {
        rng = Prng(seed: seed, stream: UInt64(index))
        pnrA = PersonSimulator.scramble(UInt64(index))
        pnrB = PersonSimulator.scramble(UInt64(index) &+ 5_000_000_000)
        pnrChange = rng.chance(0.003) ? rangeStart + rng.int(30, max(31, rangeEnd - rangeStart - 30)) : nil
        for i in counters.indices { counters[i] = 0 }
        periode = nil
        forsoeg = nil
        ltOffers.removeAll(keepingCapacity: true)

        // Age at the start of the range: mostly 16 … 66, a few outside.
        let r = rng.unit()
        let ageYears: Int
        if r < 0.02 { ageYears = rng.int(13, 15) }
        else if r < 0.04 { ageYears = rng.int(66, 72) }
        else if r < 0.40 { ageYears = rng.int(16, 30) }
        else { ageYears = rng.int(31, 65) }
        birth = rangeStart - (ageYears * 365 + ageYears / 4 + rng.int(0, 364))

        try simulateResidence()
        simulateMembership()
        partTime = rng.chance(0.15)

        if !rng.chance(0.003) {   // a few persons have no person record (missing_person)
            line.pnr(pnrA); line.sep(); line.date(birth)
            try emit(.person, out.from)
        }
        if let c = pnrChange {
            line.pnr(pnrB); line.sep(); line.date(birth)
            try emit(.person, c.yearMonth)
        }

        if rng.chance(0.10) { return }  // never on benefits in the range
        try simulateEpisodes()
    }

    // MARK: residence and membership

    private func pickKommune() -> Int {
        let u = rng.unit() * Model.kommuneCumulative.last!
        var lo = 0, hi = Model.kommuneCumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Model.kommuneCumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    private func simulateResidence() throws {
        moves.removeAll(keepingCapacity: true)
        let since = Cal.maxDay(birth, rangeStart - rng.int(200, 6000))
        moves.append((since, pickKommune()))
        let nMoves = rng.chance(0.10) ? (rng.chance(0.2) ? 2 : 1) : 0
        var days: [Day] = []
        for _ in 0..<nMoves { days.append(rangeStart + rng.int(1, max(2, rangeEnd - rangeStart))) }
        days.sort()
        for d in days where d > moves.last!.day {
            var k = pickKommune()
            if k == moves.last!.kommune { k = (k + 1) % Model.kommuner.count }
            moves.append((d, k))
        }
        // bopael segments, split at the pnr change.
        var cuts: [(Day, Int)] = moves.map { ($0.day, $0.kommune) }
        if let c = pnrChange {
            let k = kommuneIndex(at: c)
            cuts.append((c, k))
            cuts.sort { $0.0 < $1.0 }
        }
        var n = 0
        var nB = 0
        for (i, seg) in cuts.enumerated() {
            let fra = seg.0
            let til: Day? = i + 1 < cuts.count ? cuts[i + 1].0 - 1 : nil
            let p = pnr(at: fra)
            let id: Int
            if p == pnrA { n += 1; id = n } else { nB += 1; id = nB }
            let code = Model.kommuner[seg.1].code
            func row(_ end: Day?) {
                line.pnr(p); line.sep(); key(66, p, id); line.sep(); kommuneField(code); line.sep()
                line.date(fra); line.sep(); line.date(end)
            }
            row(nil)
            try emit(.bopael, fra.yearMonth)
            if let til {
                row(til)
                try emit(.bopael, (til + 1).yearMonth)
            }
        }
    }

    private func simulateMembership() {
        akasseTimeline.removeAll(keepingCapacity: true)
        let member = rng.chance(age(at: rangeStart) < 25 ? 0.55 : 0.82)
        if !member { return }
        akasseTimeline.append((rangeStart - 5000, rng.pick(Model.akasseWeights)))
        if rng.chance(0.04) {
            let d = rangeStart + rng.int(30, max(31, rangeEnd - rangeStart))
            var a = rng.pick(Model.akasseWeights)
            if a == akasseTimeline[0].akasse { a = (a + 1) % 30 }
            akasseTimeline.append((d, a))
        }
    }

    // MARK: episodes

    private func chooseBenefit(_ t: Day) -> Benefit {
        let a = age(at: t)
        let member = akasseIndex(at: t) >= 0
        let afterConversion = t >= Model.conversion
        var w = [Double](repeating: 0, count: Benefit.allCases.count)
        w[Benefit.ad.rawValue] = member ? 36 : 0
        w[Benefit.sdp.rawValue] = 14
        w[Benefit.kh.rawValue] = a >= 30 ? 12 : 7
        w[Benefit.uh.rawValue] = (a < 30 && !afterConversion) ? 12 : 0
        w[Benefit.sho.rawValue] = afterConversion ? 0 : 3
        w[Benefit.shop.rawValue] = 0.8
        w[Benefit.rev.rawValue] = 2.5
        w[Benefit.res.rawValue] = a >= 25 ? 3 : 0.5
        w[Benefit.jaf.rawValue] = 2.5
        w[Benefit.led.rawValue] = a >= 30 ? 3 : 0.5
        w[Benefit.ftp.rawValue] = a >= 40 ? 1.2 : 0.2
        w[Benefit.efterloen.rawValue] = (member && a >= 60) ? 10 : 0
        w[Benefit.arbejdsfordeling.rawValue] = member ? 1 : 0
        return Benefit(rawValue: rng.pick(w))!
    }

    private func simulateEpisodes() throws {
        var t = rangeStart - 730 + rng.int(0, 900)
        let adult16 = birth.addingMonths(16 * 12) - rng.int(0, 90)  // a few start just before 16
        if t < adult16 { t = adult16 }
        var forced: Benefit?
        while t <= rangeEnd {
            var b = forced ?? chooseBenefit(t)
            forced = nil
            if b == .ad && akasseIndex(at: t) < 0 { b = .kh }
            if (b == .uh || b == .sho) && t >= Model.conversion { b = .kh }
            let e = t + rng.expLength(mean: b.meanDays, min: 14) - 1
            let (end, next) = try runEpisode(b, t, e)
            stats.episodes[b.rawValue] += 1
            if let next {
                forced = next
                t = end + 1 + (rng.chance(0.5) ? 0 : rng.int(1, 20))
                continue
            }
            if b == .ftp || b == .efterloen { break }
            let gap = rng.chance(0.18) ? rng.int(3, 25) : rng.expLength(mean: 420, min: 35)
            if b == .ad { try employment(from: end + 1, days: min(gap, 300)) }
            t = end + 1 + gap
        }
        // A forløb still open at the end of the simulation: its conversations so far.
        if var f = forsoeg, f.visit <= rangeEnd {
            try forsoegTalks(&f, until: Cal.minDay(rangeEnd, f.visit + 110))
            forsoeg = nil
        }
    }

    private func runEpisode(_ b: Benefit, _ s: Day, _ e: Day) throws -> (Day, Benefit?) {
        switch b {
        case .ad: return try runAD(s, e)
        case .sdp: return try runSDP(s, e)
        case .efterloen, .arbejdsfordeling: return try runFleurOther(b, s, e)
        case .kh, .uh, .sho, .shop, .rev, .res, .jaf, .led, .ftp: return try runMunicipal(b, s, e)
        }
    }

    // MARK: employment (E-indkomst)

    private func employment(from a: Day, days: Int) throws {
        guard days > 0 else { return }
        let p = pnr(at: a)
        var m = a.yearMonth
        let last = (a + days - 1).yearMonth
        while m <= last {
            let hours = m == a.yearMonth ? rng.int(2000, 9000) : rng.int(11000, 16233)
            line.pnr(p); line.sep(); line.month(m); line.sep(); line.decimalHours(hours)
            try emit(.eindkomst, m.advanced(by: 1))
            m = m.advanced(by: 1)
        }
    }
}

/// Counters the simulation keeps for the summary and the plausibility tests.
struct GeneratorStats {
    var episodes = [Int](repeating: 0, count: Benefit.allCases.count)
    var forloeb = 0
}
