import Testing
import ColumnStore
import ReferenceData
@testable import Domain
import TestScratch

@Suite struct RuleTests {
    @Test("SPELL-4 addendum: AD paid between KH payments is a ydelsesskift; SKH and FLEUR 06 are not")
    func switches() throws {
        let kh = [line(.kh, "2024-01-01", "2024-01-20"), line(.kh, "2024-02-10", "2024-02-29")]
        let ad = person(fleur: [fleur("2024-01-25", "2024-02-05", timer: 5000)], ky: kh)
        #expect(row(ad, "2024-02", .kh)?.spellStart == d("2024-02-10"))
        let first = try #require(SpellBuilder.spells(for: ad, month: ym("2024-01")).first { $0.group == .kh })
        #expect(first.slut == d("2024-01-20"))   // CONV-11: another benefit fell in p+1..last(M)
        let skh = person(ky: kh + [line(.skh, "2024-01-25", "2024-02-05")])
        #expect(row(skh, "2024-02", .kh)?.spellStart == d("2024-01-01"))
        let f06 = person(fleur: [fleur("2024-01-25", "2024-02-05", timer: 5000, type: 6)], ky: kh)
        #expect(row(f06, "2024-02", .kh)?.spellStart == d("2024-01-01"))
        let rev = person(ky: kh + [line(.rev, "2024-01-25", "2024-02-05")])
        #expect(row(rev, "2024-02", .kh)?.spellStart == d("2024-02-10"))
        let sdp = person(ky: kh, ksd: [KsdRow(forloebId: "S", start: d("2024-01-25"), slut: d("2024-02-05"))])
        #expect(row(sdp, "2024-02", .kh)?.spellStart == d("2024-02-10"))
    }

    @Test("CONV-11 municipal slut: running, whole month passed, later spell")
    func municipalSlut() throws {
        let p = person(ky: [line(.kh, "2024-01-01", "2024-01-31")])
        #expect(SpellBuilder.spells(for: p, month: ym("2024-01")).first?.slut == nil)
        // CONV-11 with SPELL-3 (b): by the end of February a whole month without KH has passed.
        #expect(SpellBuilder.spells(for: p, month: ym("2024-02")).first?.slut == d("2024-01-31"))
        #expect(SpellBuilder.spells(for: p, month: ym("2024-03")).first?.slut == d("2024-01-31"))
        let mid = person(ky: [line(.kh, "2024-01-01", "2024-01-20")])
        #expect(SpellBuilder.spells(for: mid, month: ym("2024-01")).first?.slut == nil)
        #expect(SpellBuilder.spells(for: mid, month: ym("2024-02")).first?.slut == d("2024-01-20"))
        // CONV-10: ky lines are cut at last(M).
        let q = person(ky: [line(.kh, "2024-01-15", "2024-04-30")])
        let s = try #require(SpellBuilder.spells(for: q, month: ym("2024-02")).first)
        #expect(s.lastBenefitDay == d("2024-02-29") && s.slut == nil)
        #expect(SpellBuilder.spells(for: q, month: ym("2023-12")).isEmpty)
    }

    @Test("SPELL-1 AD spells: new foerste_dag ends the period; slut only when known; periods without payments listed")
    func adSpells() throws {
        let p = person(taeller: [periode("2023-01-01", nil, id: "A"), periode("2024-01-01", "2024-06-30", .partTime, id: "B")],
                       fleur: monthly("2023-11", "2024-02"))
        let s = SpellBuilder.spells(for: p, month: ym("2024-02"))
        #expect(s.count == 2)
        #expect(s[0].periodeId == "A" && s[0].slut == d("2023-12-31") && s[0].lastBenefitDay == d("2023-12-31"))
        #expect(s[1].periodeId == "B" && s[1].slut == nil && s[1].forsikring == .partTime)
        #expect(SpellBuilder.spells(for: p, month: ym("2024-06")).last?.slut == d("2024-06-30"))
        let r = try #require(row(p, "2024-02", .ad))
        #expect(r.spellStart == d("2024-01-01") && r.durationHundredths == 32066 && r.forsikring == .partTime)
        #expect(r.unit == .hoursPartTime && r.interval == "2 måneder")
        let empty = person(taeller: [periode("2024-01-01")])
        #expect(SpellBuilder.spells(for: empty, month: ym("2024-01")).count == 1)
        #expect(rows(empty, "2024-01").isEmpty)
    }

    @Test("SPELL-1 Decision: a payment inside no dagpengeperiode is not measured and is counted")
    func noPeriod() {
        let p = person(fleur: monthly("2024-01", "2024-01"))
        let (r, c) = DurationCalculator.durations(for: p, month: ym("2024-01"))
        #expect(r.isEmpty && c.noDagpengeperiode == 1)
    }

    @Test("DUR-2 grouping, reversals and negative groups")
    func dur2() {
        let paidAndReversed = person(taeller: [periode("2024-01-01")],
                                     fleur: monthly("2024-01", "2024-01") + [fleur("2024-01-01", "2024-01-31", timer: 16033, reversal: true)])
        let (r1, c1) = DurationCalculator.durations(for: paidAndReversed, month: ym("2024-01"))
        #expect(r1.isEmpty && c1.negativeNetGroups == 0)
        let negative = person(taeller: [periode("2024-01-01")], fleur: [fleur("2024-01-01", "2024-01-31", timer: 1000, reversal: true)])
        #expect(DurationCalculator.durations(for: negative, month: ym("2024-01")).counters.negativeNetGroups == 1)
        // Types 01 and 02 for the same period are separate groups; both are paid hours.
        let two = person(taeller: [periode("2024-01-01")],
                         fleur: [fleur("2024-01-01", "2024-01-31", timer: 8000, type: 1), fleur("2024-01-01", "2024-01-31", timer: 8033, type: 2),
                                 fleur("2024-01-01", "2024-01-31", timer: 9999, type: 7)])
        #expect(row(two, "2024-01", .ad)?.durationHundredths == 16033)
    }

    @Test("DUR-3 a record without weekdays puts all its hours on periode_til")
    func weekendRecord() throws {
        let p = person(taeller: [periode("2024-03-01")], fleur: [fleur("2024-03-02", "2024-03-03", timer: 1234)])
        let (t, s) = try #require(spell(p, "2024-03", .ad))
        #expect(t.hours(s, on: d("2024-03-02")).isZero)
        #expect(t.hours(s, on: d("2024-03-03")).roundedHundredths == 1234)
        #expect(row(p, "2024-03", .ad)?.e == d("2024-03-03"))
    }

    @Test("DUR-3 property: a paid group's spread hours add up to its net hours, and weekdays of one month weigh the same")
    func spreadingAddsUp() {
        var g = SplitMix64(seed: 3)
        for _ in 0..<3000 {
            let fra = d("2023-01-01") + Int.random(in: 0...700, using: &g)
            let til = fra + Int.random(in: 0...(Bool.random(using: &g) ? 20 : 120), using: &g)
            let net = Int64.random(in: 1...60000, using: &g)
            let group = PaidGroup(ydelsestype: 1, periodeFra: fra, periodeTil: til, netHundredths: net, kommune: nil, forsikring: .fullTime)
            var segs: [HourSegment] = []
            HourSpreading.segments(group, index: 0, into: &segs)
            // Σ perDay · days / den, exactly: over the least common multiple of the denominators.
            let l = segs.reduce(Int64(1)) { $0 / gcd($0, $1.den) * $1.den }
            let total = segs.reduce(Int64(0)) { $0 + $1.perDay * $1.countedDays($1.from, $1.to, excluding: []) * (l / $1.den) }
            #expect(total == net * l, "\(fra)...\(til) \(net)")
            // Within a month every weekday gets the same hours.
            for s in segs { #expect(s.from.yearMonth == s.to.yearMonth) }
            #expect(Set(segs.map(\.from.yearMonth)).count == segs.count)
        }
    }

    @Test("POP-3 age 16 to folkepensionsalder; missing person is counted")
    func pop3() {
        let ky = [line(.kh, "2024-03-01", "2024-03-10")]
        #expect(rows(person(born: d("2008-03-15"), ky: ky), "2024-03").isEmpty)
        #expect(rows(person(born: d("2008-03-10"), ky: ky), "2024-03").count == 1)
        // Born 1958 → 67 years: reaches it on 2025-03-05; a day before counts.
        #expect(rows(person(born: d("1958-03-05"), ky: [line(.kh, "2025-03-05", "2025-03-31")]), "2025-03").isEmpty)
        #expect(rows(person(born: d("1958-03-05"), ky: [line(.kh, "2025-03-04", "2025-03-31")]), "2025-03").count == 1)
        // Born 1954-03-01 → 65½: 2019-09-01.
        #expect(rules.pensionAge.pensionDay(born: d("1954-03-01")) == d("2019-09-01"))
        #expect(rules.pensionAge.pensionDay(born: d("1953-12-31")) == d("2018-12-31"))
        #expect(rules.pensionAge.pensionDay(born: d("1955-07-01")) == d("2022-07-01"))
        let (r, c) = DurationCalculator.durations(for: person(born: nil, ky: ky), month: ym("2024-03"))
        #expect(r.isEmpty && c.missingPerson == 1)
        #expect(DurationCalculator.durations(for: person(born: nil), month: ym("2024-03")).counters.missingPerson == 0)
        // Spells are listed also without a person record (CONV-11).
        #expect(SpellBuilder.spells(for: person(born: nil, ky: ky), month: ym("2024-03")).count == 1)
    }

    @Test("KOM-1/KOM-2 kommune on K with fallbacks")
    func kommune() throws {
        let bopael = [BopaelRow(kommune: "751", fra: d("2000-01-01"), til: d("2024-03-15")),
                      BopaelRow(kommune: "101", fra: d("2024-03-16"), til: nil)]
        // Running spell: K = last(M).
        let running = person(ky: [line(.kh, "2024-03-01", "2024-03-31")], bopael: bopael)
        #expect(row(running, "2024-03", .kh)?.kommune == "101")
        // Ended by a ydelsesskift in M: K = E.
        let ended = person(ky: [line(.kh, "2024-03-01", "2024-03-10"), line(.rev, "2024-03-11", "2024-03-31")], bopael: bopael)
        #expect(row(ended, "2024-03", .kh)?.kommune == "751")
        // SDP ended: K = slut.
        let sdp = person(ksd: [KsdRow(forloebId: "S", start: d("2024-03-01"), slut: d("2024-03-05"), kommune: "999")], bopael: bopael)
        #expect(row(sdp, "2024-03", .sdp)?.kommune == "751")
        // No bopael: the benefit record covering E; none: unknown.
        let nob = person(ky: [KyLine(ydelse: .kh, fra: d("2024-03-01"), til: d("2024-03-31"), kommune: "461")], bopael: [])
        #expect(row(nob, "2024-03", .kh)?.kommune == "461")
        let nobSdp = person(ksd: [KsdRow(forloebId: "S", start: d("2024-03-01"), slut: nil, kommune: "147")], bopael: [])
        #expect(row(nobSdp, "2024-03", .sdp)?.kommune == "147")
        let nobAd = person(taeller: [periode("2024-03-01")], fleur: monthly("2024-03", "2024-03"), bopael: [])
        #expect(row(nobAd, "2024-03", .ad)?.kommune == "751")
        let unknown = person(ky: [KyLine(ydelse: .kh, fra: d("2024-03-01"), til: d("2024-03-31"), kommune: "")], bopael: [])
        #expect(row(unknown, "2024-03", .kh)?.kommune == nil)
        // Overlapping bopael: the latest fra wins.
        let overlap = person(ky: [line(.kh, "2024-03-01", "2024-03-31")],
                             bopael: [BopaelRow(kommune: "751", fra: d("2000-01-01"), til: nil), BopaelRow(kommune: "851", fra: d("2024-01-01"), til: nil)])
        #expect(row(overlap, "2024-03", .kh)?.kommune == "851")
    }

    @Test("POP-4 latest E per group; SPELL-9 one pnr per history")
    func pop4() throws {
        let p = person(ky: [line(.kh, "2024-01-01", "2024-01-10"), line(.rev, "2024-01-11", "2024-01-12"), line(.kh, "2024-01-20", "2024-01-25")])
        let r = try #require(row(p, "2024-01", .kh))
        #expect(r.spellStart == d("2024-01-20") && r.durationDays == 6)
        #expect(rows(p, "2024-01").count == 2)
        #expect(r.pnr == 1)
    }

    @Test("ExactHours rounds half up exactly")
    func exactRounding() {
        var x = ExactHours()
        x.add(1, over: 3)
        x.add(1, over: 6)   // 0.5 hundredth exactly
        #expect(x.roundedHundredths == 1)
        var y = ExactHours(hundredths: 192395)
        y.add(49, over: 100)
        #expect(y.roundedHundredths == 192395)
        y.add(1, over: 100)
        #expect(y.roundedHundredths == 192396)
        // 12 × (160.33 spread over 22 weekdays) is exactly 1923.96.
        var z = ExactHours()
        for _ in 0..<(12 * 22) { z.add(16033, over: 22) }
        #expect(z.roundedHundredths == 192396)
    }

    @Test("CONV-8 rules are reference data")
    func ruleData() {
        #expect(rules.coronaDead == [DayInterval(d("2020-03-01"), d("2020-06-30"))])
        #expect(rules.fsgSuspension.count == 2)
        #expect(rules.conversionFrom == d("2025-07-01") && rules.kontaktgruppeSplitFrom == d("2025-07-01"))
        #expect(rules.shoAbsorptionUntil == d("2025-06-30"))
        #expect(rules.fullExperimentPeriod(.fullTime) == 41000 && rules.fullExperimentPeriod(.partTime) == 33300)
        #expect(rules.khSplitApplies(ym("2025-07")) && !rules.khSplitApplies(ym("2025-06")))
    }

    /// The rules are a value, though their storage is shared between copies: changing a copy
    /// (a test's what-if, a stage's variant) leaves the bundled rules as they were.
    @Test func changingACopyOfTheRulesLeavesTheOriginal() {
        let original = DomainRules.standard
        var changed = original
        changed.coronaDead = []
        changed.shoAbsorptionUntil = nil
        changed.conversionFrom = d("2030-01-01")
        #expect(changed.coronaDead.isEmpty && changed.shoAbsorptionUntil == nil && changed.conversionFrom == d("2030-01-01"))
        #expect(!DomainRules.standard.coronaDead.isEmpty && original.coronaDead == DomainRules.standard.coronaDead)
        #expect(DomainRules.standard.shoAbsorptionUntil == d("2025-06-30"))
        #expect(DomainRules.standard.conversionFrom != d("2030-01-01"))
        var again = changed
        again.coronaDead = original.coronaDead
        #expect(changed.coronaDead.isEmpty && again.coronaDead == original.coronaDead)
    }
}
