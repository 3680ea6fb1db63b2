import ColumnStore
import Domain
import Testing
import TestScratch
@testable import Stages

/// The focus months' pre-check (``HistoryReader/mayReachTwelve(rows:in:)``): a person-month
/// it skips must have no row in a focus cell (FOCUS-1: POP-7 rows at "12 måneder og derover").
@Suite struct TwelvePrecheckTests {
    @Test("FOCUS-1 pre-check: a skipped person-month (as known then) has no focus row and no spell of 12 months or more; some are skipped",
          arguments: ["2020-10", "2022-03"])
    func skipsOnlyPersonMonthsThatCannotReachTwelve(_ month: String) async throws {
        let run = try await sampleRun(month)
        let (assembler, months, _, _, _) = try KnownAtTests.knownAtAssembler(run)
        let rules = DomainRules.standard
        let twelve = rules.skema1.summary[1].label
        // Every person-month with a benefit record: its focus rows and whether a spell reached 12+.
        let measured = assembler.mapMonths(months, where: { r, rows, m in r.mayHaveBenefit(rows: rows, in: m) }) { m, h in
            let whole = h.complete()
            let focus = JobsamtaleMeasurement.measure(h.timeline, month: m, scope: .focus, talkSources: h.complete).persons.count
            let long = DurationCalculator.durations(for: whole, month: m).rows.contains { $0.summary == twelve }
            return (key: "\(m) \(whole.pnr)", focus: focus, long: long)
        }.joined()
        let kept = Set(assembler.mapMonths(months, where: { r, rows, m in
            r.mayHaveBenefit(rows: rows, in: m) && r.mayReachTwelve(rows: rows, in: TwelveMonthWindow(m, rules: rules))
        }) { m, h in "\(m) \(h.timeline.pnr)" }.joined())
        var skipped = 0, focusRows = 0, long = 0
        for p in measured {
            focusRows += p.focus
            if p.long { long += 1 }
            guard !kept.contains(p.key) else { continue }
            skipped += 1
            #expect(p.focus == 0 && !p.long, "\(p.key): skipped, but it has a focus row or a spell of 12 months or more")
        }
        #expect(focusRows > 0 && long > 0, "the sample has focus rows to lose")
        #expect(skipped > 0, "the pre-check skips nothing")
        print("TwelvePrecheck \(month): \(skipped) of \(measured.count) person-months with a benefit record skipped; \(long) with a 12+ spell")
    }

    /// A person with the given lines, born long before and far from folkepensionsalder.
    private static func history(ky: [KyLine] = [], ksd: [KsdRow] = [], maalgruppe: [MaalgruppeRow] = [],
                                born: Day = Day(iso: "1980-05-17")!) -> PersonHistory {
        PersonHistory(pnr: 1, birthDate: born, ky: ky, ksd: ksd, maalgruppe: maalgruppe)
    }

    /// Whether the durations of `h` in m have a row of "12 måneder og derover".
    private static func hasLongRow(_ h: PersonHistory, _ m: YearMonth) -> Bool {
        let twelve = DomainRules.standard.skema1.summary[1].label
        return DurationCalculator.durations(for: h, month: m).rows.contains { $0.summary == twelve }
    }

    @Test("FOCUS-1 pre-check, DUR-1 worked boundary: one line from day s to last(m) reaches 12 months exactly when s <= L = last(m) - (twelve - 1), and the window says so",
          arguments: ["2025-06", "2025-12", "2023-02"])
    func oneLineBoundary(_ month: String) {
        let m = ym(month), w = TwelveMonthWindow(m, rules: .standard)
        let last = m.last.rawValue
        var reached = 0, missed = 0
        for s in (w.latestStart - 70)...(w.latestStart + 40) {
            let day = Day(rawValue: s)
            let bits = w.coverage(from: s, to: last)
            for ydelse in [KyYdelse.kh, .res, .led] {
                let long = Self.hasLongRow(Self.history(ky: [KyLine(ydelse: ydelse, fra: day, til: m.last)]), m)
                #expect(long == (s <= w.latestStart), "\(ydelse) from \(day): DUR-1 bound")
                #expect(w.mayReach(bits) == long, "\(ydelse) from \(day): the window disagrees with the spell")
            }
            let sdp = Self.hasLongRow(Self.history(ksd: [KsdRow(forloebId: "f", start: day, slut: nil)]), m)
            #expect(w.mayReach(bits) == sdp, "SDP from \(day): the window disagrees with the spell")
            if sdp { reached += 1 } else { missed += 1 }
        }
        #expect(reached > 0 && missed > 0)
    }

    @Test("FOCUS-1 pre-check, SPELL-3 b worked example: a whole month without a line breaks the spell, the window sees the gap")
    func wholeMonthGap() {
        let m = ym("2025-06"), w = TwelveMonthWindow(m, rules: .standard)
        func d(_ s: String) -> Day { Day(iso: s)! }
        // RES from 2024-01 to 2025-06 with all of 2024-11 missing: the spell starts 2024-12-01.
        let gap = [KyLine(ydelse: .res, fra: d("2024-01-01"), til: d("2024-10-31")),
                   KyLine(ydelse: .res, fra: d("2024-12-01"), til: d("2025-06-30"))]
        #expect(!Self.hasLongRow(Self.history(ky: gap), m))
        #expect(!w.mayReach(gap.reduce(0) { $0 | w.coverage(from: $1.fra.rawValue, to: $1.til.rawValue) }))
        // Without the gap (2024-11-15 paid) it is one spell of 18 months.
        let joined = gap + [KyLine(ydelse: .res, fra: d("2024-11-15"), til: d("2024-11-15"))]
        #expect(Self.hasLongRow(Self.history(ky: joined), m))
        #expect(w.mayReach(joined.reduce(0) { $0 | w.coverage(from: $1.fra.rawValue, to: $1.til.rawValue) }))
        // REV days do not carry a RES spell (another family).
        let other = [gap[0], KyLine(ydelse: .rev, fra: d("2024-11-01"), til: d("2024-11-30")), gap[1]]
        #expect(!Self.hasLongRow(Self.history(ky: other), m))
    }

    @Test("FOCUS-1 pre-check, POP-3: a person-month without a measurable age (under 16 or at folkepensionsalder all month) is skipped, one with is not")
    func age() {
        let rules = DomainRules.standard, m = ym("2025-06"), w = TwelveMonthWindow(m, rules: rules)
        let line = [KyLine(ydelse: .kh, fra: Day(iso: "2020-01-01")!, til: m.last)]
        let young = m.last.addingMonths(-16 * 12) + 1              // 16 on the day after last(m)
        let sixteen = m.last.addingMonths(-16 * 12)                // 16 on last(m)
        // The first birth month (stepping from 1940) whose folkepensionsalder comes after first(m),
        // and the month before it, at folkepensionsalder by first(m).
        var lastMeasured = Day(iso: "1940-01-01")!
        while rules.pensionAge.pensionDay(born: lastMeasured) <= m.first { lastMeasured = lastMeasured.addingMonths(1) }
        let pensioned = lastMeasured.addingMonths(-1)
        for (born, measured) in [(young, false), (sixteen, true), (lastMeasured, true), (pensioned, false)] {
            #expect(w.mayBeMeasured(born: born) == measured, "born \(born)")
            #expect(Self.hasLongRow(Self.history(ky: line, born: born), m) == measured, "born \(born): POP-3")
        }
    }

    @Test("FOCUS-1 pre-check property: random municipal and SDP histories (all ky benefits, gaps, kontaktgruppe changes) with a 12+ row always reach the window of their family")
    func randomHistories() {
        var g = SplitMix64(seed: 20251201)
        let rules = DomainRules.standard
        let kinds: [KyYdelse] = [.kh, .uh, .sho, .shop, .rev, .frev, .res, .jaf, .led, .skh, .ftp]
        var long = 0, skipped = 0
        for month in ["2025-03", "2025-07", "2025-09", "2025-12"] {
            let m = ym(month), w = TwelveMonthWindow(m, rules: rules)
            let lo = m.first.rawValue - 800
            func day() -> Day { Day(rawValue: lo + Int32(g.next(Int(m.last.rawValue - lo) + 40))) }
            for _ in 0..<1500 {
                var ky: [KyLine] = [], ksd: [KsdRow] = [], mg: [MaalgruppeRow] = []
                for _ in 0..<(1 + g.next(5)) {
                    let a = day(), b = a + g.next(420)
                    ky.append(KyLine(ydelse: kinds[g.next(kinds.count)], sats: [.mindste, .grund, .hoejeste][g.next(3)], fra: a, til: b))
                }
                for _ in 0..<g.next(3) { let a = day(); ksd.append(KsdRow(forloebId: "f\(g.next(4))", start: a, slut: g.next(3) == 0 ? nil : a + g.next(500))) }
                for _ in 0..<g.next(4) { mg.append(MaalgruppeRow(fra: day(), til: nil, kontaktgruppe: [2, 12][g.next(2)])) }
                let h = Self.history(ky: ky, ksd: ksd, maalgruppe: mg)
                var covered = [UInt64](repeating: 0, count: TwelveMonthWindow.families)
                for k in ky {
                    if let f = BenefitGroup(ky: k.ydelse).flatMap(TwelveMonthWindow.family) {
                        covered[f] |= w.coverage(from: k.fra.rawValue, to: k.til.rawValue)
                    }
                }
                let sdp = ksd.reduce(0) { $0 | w.coverage(from: $1.start.rawValue, to: $1.slut?.rawValue ?? m.last.rawValue) }
                let reach = covered.contains(where: w.mayReach) || w.mayReach(sdp)
                if Self.hasLongRow(h, m) {
                    long += 1
                    #expect(reach, "\(month): a 12+ row the window would skip: ky \(ky), ksd \(ksd), maalgruppe \(mg)")
                } else if !reach {
                    skipped += 1
                }
            }
        }
        #expect(long > 100 && skipped > 100, "long \(long), skipped \(skipped)")
    }
}
