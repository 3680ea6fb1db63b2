import Testing
import ColumnStore
import ReferenceData
@testable import Domain

@Suite struct SkemaVectors {
    @Test("TV-06 INT-1/INT-2 Skema 1 days", arguments: [
        (0, "Under 1 måned", "Under 12 måneder", nil), (30, "Under 1 måned", "Under 12 måneder", nil),
        (31, "1 måned", "Under 12 måneder", nil), (61, "1 måned", "Under 12 måneder", nil),
        (62, "2 måneder", "Under 12 måneder", nil), (182, "5 måneder", "Under 12 måneder", nil),
        (183, "6 måneder", "Under 12 måneder", nil), (364, "11 måneder", "Under 12 måneder", nil),
        (365, "12 måneder og derover", "12 måneder og derover", "1 – 2 år"),
        (1094, "12 måneder og derover", "12 måneder og derover", "1 – 2 år"),
        (1095, "12 måneder og derover", "12 måneder og derover", "3 – 5 år"),
        (2189, "12 måneder og derover", "12 måneder og derover", "3 – 5 år"),
        (2190, "12 måneder og derover", "12 måneder og derover", "6 – 9 år"),
        (3649, "12 måneder og derover", "12 måneder og derover", "6 – 9 år"),
        (3650, "12 måneder og derover", "12 måneder og derover", "10 + år"),
    ] as [(Int64, String, String, String?)])
    func tv06(_ v: (Int64, String, String, String?)) {
        let l = labels(days: v.0)
        #expect(l.monthly == v.1)
        #expect(l.summary == v.2)
        #expect(l.yearBand == v.3)
    }

    @Test("TV-07 INT-1 Skema 1 full-time hours", arguments: [
        ("160.32", "Under 1 måned", nil), ("160.33", "1 måned", nil), ("961.97", "5 måneder", nil),
        ("961.98", "6 måneder", nil), ("1923.95", "11 måneder", nil),
        ("1923.96", "12 måneder og derover", "1 – 2 år"), ("1924.00", "12 måneder og derover", "1 – 2 år"),
        ("5771.87", "12 måneder og derover", "1 – 2 år"), ("5771.88", "12 måneder og derover", "3 – 5 år"),
        ("11543.75", "12 måneder og derover", "3 – 5 år"), ("11543.76", "12 måneder og derover", "6 – 9 år"),
        ("19239.59", "12 måneder og derover", "6 – 9 år"), ("19239.60", "12 måneder og derover", "10 + år"),
    ] as [(String, String, String?)])
    func tv07(_ v: (String, String, String?)) {
        let l = labels(hoursH: v.0)
        #expect(l.monthly == v.1)
        #expect(l.yearBand == v.2)
        #expect(l.summary == (v.2 == nil ? "Under 12 måneder" : "12 måneder og derover"))
    }

    @Test("TV-08 INT-1 Skema 1 part-time hours", arguments: [
        ("129.9", "Under 1 måned", nil), ("129.95", "Under 1 måned", nil), ("130", "1 måned", nil),
        ("779.9", "5 måneder", nil), ("780", "6 måneder", nil), ("1559.9", "11 måneder", nil),
        ("1560", "12 måneder og derover", "1 – 2 år"), ("4679.9", "12 måneder og derover", "1 – 2 år"),
        ("4680", "12 måneder og derover", "3 – 5 år"), ("9359.9", "12 måneder og derover", "3 – 5 år"),
        ("9360", "12 måneder og derover", "6 – 9 år"), ("15599.9", "12 måneder og derover", "6 – 9 år"),
        ("15600", "12 måneder og derover", "10 + år"),
    ] as [(String, String, String?)])
    func tv08(_ v: (String, String, String?)) {
        let l = labels(hoursD: v.0)
        #expect(l.monthly == v.1)
        #expect(l.yearBand == v.2)
    }

    @Test("INT-2 year band labels use spaces and an EN DASH")
    func enDash() {
        #expect(labels(days: 400).yearBand!.unicodeScalars.map(\.value) == [0x31, 0x20, 0x2013, 0x20, 0x32, 0x20, 0xE5, 0x72])
        #expect(rules.six(.days) == 183 && rules.twelve(.days) == 365)
        #expect(rules.twelve(.hoursFullTime) == 192396 && rules.twelve(.hoursPartTime) == 156000)
    }
}

@Suite struct DayDurationVectors {
    @Test("TV-01 DEAD-1/DUR-1 corona dead period")
    func tv01() throws {
        let p = person(ky: [line(.kh, "2019-12-28", "2020-07-31")])
        let (t, s) = try #require(spell(p, "2020-07", .kh))
        #expect(t.durValue(s, at: d("2020-02-29")) == 64)
        #expect(t.durValue(s, at: d("2020-03-11")) == 64)
        #expect(t.durValue(s, at: d("2020-06-30")) == 64)
        #expect(t.durValue(s, at: d("2020-07-01")) == 65)
        let jun = try #require(row(p, "2020-06", .kh))
        #expect(jun.e == d("2020-06-30") && jun.durationDays == 64)
        #expect(jun.interval == "2 måneder" && jun.summary == "Under 12 måneder" && jun.yearBand == nil)
        let jul = try #require(row(p, "2020-07", .kh))
        #expect(jul.e == d("2020-07-31") && jul.durationDays == 95 && jul.interval == "3 måneder")
    }

    @Test("TV-02/TV-03/TV-04 DUR-1 KH durations around the corona period")
    func tv02to04() throws {
        let p = person(ky: [line(.kh, "2019-01-01", "2020-12-31")])
        let dec = try #require(row(p, "2020-12", .kh))
        #expect(dec.e == d("2020-12-31") && dec.durationDays == 609)
        #expect(dec.interval == "12 måneder og derover" && dec.yearBand == "1 – 2 år")
        let may = try #require(row(p, "2020-05", .kh))
        #expect(may.e == d("2020-05-31") && may.durationDays == 425 && may.interval == "12 måneder og derover")
        let jun = try #require(row(p, "2020-06", .kh))
        #expect(jun.durationDays == 425)
    }

    @Test("TV-05 SPELL-2/DUR-6 sygedagpenge ending 29 May 2020")
    func tv05() throws {
        let p = person(ksd: [KsdRow(forloebId: "A", start: d("2020-01-06"), slut: d("2020-05-29"), kommune: "751")])
        let r = try #require(row(p, "2020-05", .sdp))
        #expect(r.e == d("2020-05-29") && r.durationDays == 55 && r.interval == "1 måned")
    }

    @Test("TV-14 SPELL-2/POP-4 sygedagpenge merge, all cases")
    func tv14() throws {
        let a = KsdRow(forloebId: "A", start: d("2024-01-10"), slut: d("2024-03-15"), kommune: "751")
        let b = KsdRow(forloebId: "B", start: d("2024-03-01"), slut: d("2024-05-20"), kommune: "751")
        let c = KsdRow(forloebId: "C", start: d("2024-06-03"), slut: d("2024-06-30"), kommune: "751")
        let base = person(ksd: [a, b, c])
        let may = try #require(row(base, "2024-05", .sdp))
        #expect(may.e == d("2024-05-20") && may.durationDays == 132 && may.interval == "4 måneder")
        #expect(may.spellStart == d("2024-01-10"))
        let jun = try #require(row(base, "2024-06", .sdp))
        #expect(jun.spellStart == d("2024-06-03") && jun.durationDays == 28 && jun.interval == "Under 1 måned")

        var c1 = c; c1.start = d("2024-05-19")
        let v1 = try #require(row(person(ksd: [a, b, c1]), "2024-06", .sdp))
        #expect(v1.spellStart == d("2024-01-10") && v1.durationDays == 173 && v1.interval == "5 måneder")

        var c2 = c; c2.start = d("2024-05-20")
        let p2 = person(ksd: [a, b, c2])
        #expect(SpellBuilder.spells(for: p2, month: ym("2024-06")).filter { $0.group == .sdp }.count == 2)
        let v2may = try #require(row(p2, "2024-05", .sdp))
        #expect(v2may.spellStart == d("2024-05-20") && v2may.durationDays == 12 && v2may.interval == "Under 1 måned")
        let v2jun = try #require(row(p2, "2024-06", .sdp))
        #expect(v2jun.durationDays == 42 && v2jun.interval == "1 måned")
    }

    @Test("SPELL-2 addendum: ksd rows with the same start always merge")
    func sameStart() {
        let p = person(ksd: [KsdRow(forloebId: "A", start: d("2024-01-10"), slut: d("2024-01-10")),
                             KsdRow(forloebId: "B", start: d("2024-01-10"), slut: d("2024-01-10"))])
        #expect(SpellBuilder.spells(for: p, month: ym("2024-01")).count == 1)
    }

    @Test("TV-15 SPELL-3 KH break on a whole calendar month")
    func tv15() throws {
        let a = person(ky: [line(.kh, "2024-01-01", "2024-01-31"), line(.kh, "2024-03-01", "2024-03-31")])
        let ra = try #require(row(a, "2024-03", .kh))
        #expect(ra.spellStart == d("2024-03-01") && ra.durationDays == 31 && ra.interval == "1 måned")
        let b = person(ky: [line(.kh, "2024-01-01", "2024-01-20"), line(.kh, "2024-02-25", "2024-03-31")])
        let rb = try #require(row(b, "2024-03", .kh))
        #expect(rb.spellStart == d("2024-01-01") && rb.durationDays == 91 && rb.interval == "2 måneder")
    }

    @Test("TV-16 SPELL-5 SHO before KH")
    func tv16() throws {
        let a = person(ky: [line(.sho, "2024-01-01", "2024-03-31"), line(.kh, "2024-04-10", "2024-04-30")])
        let mar = rows(a, "2024-03")
        #expect(mar.count == 1)
        #expect(mar.first?.group == .sho && mar.first?.durationDays == 91 && mar.first?.interval == "2 måneder")
        #expect(mar.first?.groupLabel == "Overgangsydelse")
        let apr = rows(a, "2024-04")
        #expect(apr.count == 1)
        let kh = try #require(apr.first)
        #expect(kh.group == .kh && kh.spellStart == d("2024-01-01") && kh.durationDays == 121 && kh.interval == "3 måneder")
        #expect(SpellBuilder.spells(for: a, month: ym("2024-04")).map(\.group) == [.kh])

        let b = person(ky: [line(.shop, "2024-01-01", "2024-03-31"), line(.kh, "2024-04-10", "2024-04-30")])
        let rb = try #require(row(b, "2024-04", .kh))
        #expect(rb.spellStart == d("2024-04-10") && rb.durationDays == 21 && rb.interval == "Under 1 måned")
        #expect(rows(b, "2024-03").isEmpty)  // POP-2: SHOP is never measured
    }

    @Test("SPELL-5 addendum: SHOP between SHO and KH blocks the absorption")
    func shopBlocks() throws {
        let p = person(ky: [line(.sho, "2024-01-01", "2024-03-20"), line(.shop, "2024-03-21", "2024-04-05"),
                            line(.kh, "2024-04-10", "2024-04-30")])
        let r = try #require(row(p, "2024-04", .kh))
        #expect(r.spellStart == d("2024-04-10"))
        let sho = try #require(SpellBuilder.spells(for: p, month: ym("2024-04")).first { $0.group == .sho })
        #expect(sho.slut == d("2024-03-20"))
    }

    @Test("SPELL-5 addendum 2: KH → SHO is a ydelsesskift; the SHO spell joins the KH spell after it (71 days)")
    func shoRunsOneWay() throws {
        let p = person(ky: [line(.kh, "2023-02-01", "2023-05-10"), line(.sho, "2023-05-22", "2023-06-09"),
                            line(.kh, "2023-06-10", "2023-07-31")])
        let spells = SpellBuilder.spells(for: p, month: ym("2023-07"))
        #expect(spells.map(\.group) == [.kh, .kh])
        #expect(spells[0].start == d("2023-02-01") && spells[0].slut == d("2023-05-10"))
        #expect(spells[1].start == d("2023-05-22"))
        let r = try #require(row(p, "2023-07", .kh))
        // 10 (May 22-31) + 30 (June) + 31 (July) = 71 days → "2 måneder".
        #expect(r.spellStart == d("2023-05-22") && r.durationDays == 10 + 30 + 31 && r.interval == "2 måneder")
        // In June (a month with KH days) the absorbed SHO spell is measured only as KH.
        let jun = rows(p, "2023-06")
        #expect(jun.map(\.group) == [.kh] && jun[0].spellStart == d("2023-05-22") && jun[0].durationDays == 40)
        // UH → SHO → UH behaves the same way.
        let u = person(ky: [line(.uh, "2023-02-01", "2023-05-10"), line(.sho, "2023-05-22", "2023-06-09"),
                            line(.uh, "2023-06-10", "2023-07-31")])
        #expect(SpellBuilder.spells(for: u, month: ym("2023-07")).map(\.start) == [d("2023-02-01"), d("2023-05-22")])
    }

    @Test("TV-17 SPELL-6 forrevalidering is revalidering")
    func tv17() throws {
        let p = person(ky: [line(.frev, "2023-09-01", "2023-12-31"), line(.rev, "2024-01-01", "2024-06-30")])
        let r = try #require(row(p, "2024-06", .rev))
        #expect(r.spellStart == d("2023-09-01") && r.durationDays == 304 && r.interval == "10 måneder")
        #expect(r.groupLabel == "Revalidering")
        #expect(SpellBuilder.spells(for: p, month: ym("2024-06")).count == 1)
    }

    @Test("TV-18 DEAD-1/DEAD-2 barsel pauses duration (dur 62)")
    func tv18() throws {
        let p = person(ky: [line(.kh, "2024-01-01", "2024-03-31")],
                       fravaer: [FravaerRow(kode: "1", fra: d("2024-02-01"), til: d("2024-02-29"))])
        let r = try #require(row(p, "2024-03", .kh))
        #expect(r.durationDays == 62 && r.interval == "2 måneder")
        // Code 90 is a dead day too.
        let q = person(ky: [line(.kh, "2024-01-01", "2024-03-31")],
                       fravaer: [FravaerRow(kode: "90", fra: d("2024-02-01"), til: d("2024-02-29"))])
        #expect(row(q, "2024-03", .kh)?.durationDays == 62)
    }

    @Test("TV-19 DUR-1 durations of the 30 %/50 % cases")
    func tv19() throws {
        let a = person(ky: [line(.kh, "2024-03-01", "2024-05-31")])
        let ra = try #require(row(a, "2024-05", .kh))
        #expect(ra.durationDays == 92 && ra.interval == "3 måneder")
        let b = person(ky: [line(.kh, "2023-03-01", "2023-05-31")])
        #expect(row(b, "2023-05", .kh)?.durationDays == 92)
        let c = person(ky: [line(.kh, "2023-11-01", "2024-05-31")])
        let rc = try #require(row(c, "2024-05", .kh))
        #expect(rc.durationDays == 213 && rc.interval == "7 måneder")
        #expect(rc.value >= rules.six(.days))
    }

    @Test("TV-20 DUR-1 durations of the MII cases")
    func tv20() throws {
        let a = person(ky: [line(.kh, "2024-02-01", "2024-04-30")])
        let ra = try #require(row(a, "2024-04", .kh))
        #expect(ra.durationDays == 90 && ra.interval == "2 måneder")
        let b = person(ky: [line(.kh, "2023-02-01", "2023-04-30")])
        #expect(row(b, "2023-04", .kh)?.durationDays == 89)
    }

    @Test("TV-25 DUR-1 dur at the talk date")
    func tv25() throws {
        let (ta, sa) = try #require(spell(person(ky: [line(.kh, "2021-06-01", "2022-02-28")]), "2022-02", .kh))
        #expect(ta.durValue(sa, at: d("2022-02-15")) == 260)
        #expect(ta.durValue(sa, at: d("2022-02-15")) >= rules.six(.days))
        let (tb, sb) = try #require(spell(person(ky: [line(.kh, "2021-10-01", "2022-02-28")]), "2022-02", .kh))
        #expect(tb.durValue(sb, at: d("2022-02-15")) == 138)
        #expect(tb.durValue(sb, at: d("2022-02-15")) < rules.six(.days))
    }

    @Test("TV-26 DUR-1 120 days")
    func tv26() throws {
        let r = try #require(row(person(ky: [line(.kh, "2021-11-01", "2022-02-28")]), "2022-02", .kh))
        #expect(r.durationDays == 120 && r.interval == "3 måneder")
    }

    @Test("TV-29 SPELL-7/SPELL-8 July 2025 conversion and kontaktgruppe 12→2 (a, b, c)")
    func tv29() throws {
        let ky = [line(.uh, "2025-03-01", "2025-06-30"), line(.kh, "2025-07-01", "2025-08-31", sats: .grund)]
        let a = person(ky: ky, maalgruppe: [MaalgruppeRow(fra: d("2025-01-01"), til: nil, kontaktgruppe: 12)])
        let ra = try #require(row(a, "2025-08", .kh))
        #expect(ra.spellStart == d("2025-03-01") && ra.durationDays == 184 && ra.interval == "6 måneder")
        #expect(ra.sats == .grund && ra.groupLabel == "Kontanthjælp, grundsats" && ra.groupCode == "KH-G")
        #expect(SpellBuilder.spells(for: a, month: ym("2025-08")).count == 1)
        // Before the conversion the spell is UH.
        #expect(row(a, "2025-06", .uh)?.groupLabel == "Uddannelseshjælp")

        let b = person(ky: ky, maalgruppe: [MaalgruppeRow(fra: d("2025-01-01"), til: d("2025-07-31"), kontaktgruppe: 12),
                                            MaalgruppeRow(fra: d("2025-08-01"), til: nil, kontaktgruppe: 2)])
        let rb = try #require(row(b, "2025-08", .kh))
        #expect(rb.spellStart == d("2025-08-01") && rb.durationDays == 31 && rb.interval == "1 måned")
        let sb = SpellBuilder.spells(for: b, month: ym("2025-08"))
        #expect(sb.count == 2)
        #expect(sb.first { $0.start == d("2025-03-01") }?.slut == d("2025-07-31"))
        #expect(sb.first { $0.start == d("2025-03-01") }?.group == .kh)

        let c = person(ky: ky, maalgruppe: [MaalgruppeRow(fra: d("2025-01-01"), til: d("2025-06-30"), kontaktgruppe: 12),
                                            MaalgruppeRow(fra: d("2025-07-01"), til: nil, kontaktgruppe: 2)])
        let rc = try #require(row(c, "2025-08", .kh))
        #expect(rc.spellStart == d("2025-07-01") && rc.durationDays == 62 && rc.interval == "2 måneder")
        let sc = SpellBuilder.spells(for: c, month: ym("2025-08"))
        // The part before the shift holds no KH day: it stays a UH spell ending 2025-06-30.
        let uh = try #require(sc.first { $0.group == .uh })
        #expect(uh.start == d("2025-03-01") && uh.slut == d("2025-06-30"))
    }

    @Test("SPELL-7 UH spell broken before July 2025 is not continued")
    func conversionBroken() throws {
        let p = person(ky: [line(.uh, "2025-03-01", "2025-05-31"), line(.kh, "2025-07-01", "2025-07-31", sats: .hoejeste)])
        let r = try #require(row(p, "2025-07", .kh))
        #expect(r.spellStart == d("2025-07-01") && r.groupLabel == "Kontanthjælp, højeste sats")
        let noSats = person(ky: [line(.kh, "2025-07-01", "2025-07-31")])
        #expect(row(noSats, "2025-07", .kh)?.groupLabel == "Kontanthjælp")
    }

    @Test("TV-30 SPELL-2/DUR-6 sygedagpenge durations (code 91 cases)")
    func tv30() throws {
        let p = person(ksd: [KsdRow(forloebId: "A", start: d("2025-02-01"), slut: nil)],
                       fravaer: [FravaerRow(kode: "91", fra: d("2025-03-10"), til: d("2025-03-10"))])
        let apr = try #require(row(p, "2025-04", .sdp))
        #expect(apr.durationDays == 89 && apr.interval == "2 måneder" && apr.value < rules.six(.days))
        let aug = try #require(row(p, "2025-08", .sdp))
        #expect(aug.durationDays == 212 && aug.interval == "6 måneder" && aug.value >= rules.six(.days))
        let v = person(ksd: [KsdRow(forloebId: "A", start: d("2024-12-01"), slut: nil)])
        #expect(row(v, "2025-01", .sdp)?.durationDays == 62)
        #expect(SpellBuilder.spells(for: p, month: ym("2025-04")).first?.slut == nil)
    }
}

@Suite struct HourDurationVectors {
    @Test("TV-09 DUR-3/INT-1 AD 12-month boundary")
    func tv09() throws {
        let p = person(taeller: [periode("2024-01-01")], fleur: monthly("2024-01", "2024-12"))
        let nov = try #require(row(p, "2024-11", .ad))
        #expect(nov.durationHundredths == 176363 && nov.interval == "11 måneder")
        let dec = try #require(row(p, "2024-12", .ad))
        #expect(dec.durationHundredths == 192396 && dec.interval == "12 måneder og derover" && dec.yearBand == "1 – 2 år")
        #expect(dec.durationHours == 1923.96 && dec.groupLabel == "A-dagpenge" && dec.forsikring == .fullTime)
    }

    @Test("TV-09 variant DUR-2/DUR-7 one hundredth deducted in March")
    func tv09variant() throws {
        var f = monthly("2024-01", "2024-12")
        f[2].fradragstimer = 1
        let p = person(taeller: [periode("2024-01-01")], fleur: f)
        let dec = try #require(row(p, "2024-12", .ad))
        #expect(dec.durationHundredths == 192395 && dec.interval == "11 måneder" && dec.yearBand == nil)
    }

    @Test("TV-10 DUR-3 weekday spreading across months")
    func tv10() throws {
        let p = person(taeller: [periode("2024-01-15")], fleur: [fleur("2024-01-15", "2024-02-11", timer: 14800)])
        #expect(weekdays(in: ym("2024-01")) == 23 && weekdays(in: ym("2024-02")) == 21)
        let (t, s) = try #require(spell(p, "2024-02", .ad))
        let jan = t.hours(s, on: d("2024-01-16")).approximateHours
        let feb = t.hours(s, on: d("2024-02-05")).approximateHours
        #expect(abs(jan - 148.0 * 3 / 62 / 1) < 1e-9 || abs(jan - 7.16129) < 1e-5)
        #expect(abs(feb - 7.84332) < 1e-5)
        #expect(t.hours(s, on: d("2024-01-20")).isZero)  // Saturday
        let janTotal = t.hoursSum(s, from: d("2024-01-01"), to: d("2024-01-31"))
        #expect(janTotal.roundedHundredths == 9310)
        let febTotal = t.hoursSum(s, from: d("2024-02-01"), to: d("2024-02-29"))
        #expect(febTotal.roundedHundredths == 5490)
        let r = try #require(row(p, "2024-01", .ad))
        #expect(r.e == d("2024-01-31") && r.durationHundredths == 9310 && r.interval == "Under 1 måned")
        #expect(t.durValue(s, at: d("2024-02-11")) == 14800)
    }

    @Test("TV-11 DUR-4/WIN-3 AD duration and hours of the 12-month window")
    func tv11() throws {
        let p = person(taeller: [periode("2023-01-01")], fleur: monthly("2023-01", "2024-03"))
        let r = try #require(row(p, "2024-03", .ad))
        #expect(r.durationHundredths == 240495 && r.yearBand == "1 – 2 år")
        let (t, s) = try #require(spell(p, "2024-03", .ad))
        #expect(t.hoursSum(s, from: d("2023-04-03"), to: r.e).roundedHundredths == 192396)
        #expect(t.hoursSum(s, from: d("2023-04-01"), to: r.e).roundedHundredths == 192396)
        #expect(t.hoursSum(s, from: d("2023-04-04"), to: r.e).roundedHundredths < 192396)
        #expect(t.hoursSum(s, from: d("2023-03-31"), to: r.e).roundedHundredths > 192396)
    }

    @Test("TV-12 DUR-4 AD paid in January and March only")
    func tv12() throws {
        let p = person(taeller: [periode("2024-01-01")], fleur: monthly("2024-01", "2024-01") + monthly("2024-03", "2024-03"),
                       ky: [line(.kh, "2024-02-01", "2024-02-15")])
        let r = try #require(row(p, "2024-03", .ad))
        #expect(r.durationHundredths == 32066 && r.interval == "2 måneder")
        // The AD spell is not interrupted by KH (SPELL-1); KH in February is its own spell.
        #expect(r.spellStart == d("2024-01-01"))
        #expect(row(p, "2024-02", .ad) == nil)
        #expect(row(p, "2024-02", .kh)?.durationDays == 15)
    }

    @Test("TV-21 DUR-4/EXEMPT-2 hours of the code 65/66 cases")
    func tv21() throws {
        let p = person(taeller: [periode("2024-05-01")], fleur: monthly("2024-05", "2024-08"),
                       fravaer: [FravaerRow(kode: "65", fra: d("2024-05-01"), til: d("2024-06-30"))])
        let jul = try #require(row(p, "2024-07", .ad))
        #expect(jul.durationHundredths == 48099 && jul.interval == "3 måneder")
        let aug = try #require(row(p, "2024-08", .ad))
        #expect(aug.durationHundredths == 64132 && aug.interval == "4 måneder")
        let (t, s) = try #require(spell(p, "2024-08", .ad))
        #expect(t.hoursSum(s, from: d("2024-05-01"), to: d("2024-06-30")).roundedHundredths == 32066)
    }

    @Test("TV-31 POP-1/POP-4 AD and KH both present in the same month")
    func tv31() throws {
        let p = person(taeller: [periode("2024-03-01")], fleur: [fleur("2024-03-01", "2024-03-10", timer: 4373)],
                       ky: [line(.kh, "2024-03-15", "2024-03-31")])
        let rs = rows(p, "2024-03")
        #expect(Set(rs.map(\.group)) == [.ad, .kh])
        let ad = try #require(rs.first { $0.group == .ad })
        let kh = try #require(rs.first { $0.group == .kh })
        #expect(ad.e == d("2024-03-10") && kh.e == d("2024-03-31"))
        #expect(kh.e > ad.e)  // POP-7 picks KH in the all-groups total
        #expect(kh.durationDays == 17)
    }
}

@Suite struct ForsoegVectors {
    func forloeb(_ f: Forsikring) -> PersonHistory {
        person(taeller: [periode("2020-10-01", nil, f)],
               fleur: monthly("2020-11", "2021-08", timer: f == .fullTime ? 16033 : 13000, forsikring: f),
               forsoeg: [ForsoegRow(forloebId: "F1", akasse: "03", kommune: "751", visitationsdato: d("2020-11-02"), forsikring: f)])
    }

    @Test("TV-33 FSG-0.3 full experiment period, full-time (H)")
    func tv33H() throws {
        let r = try #require(ForsoegsperiodeCalculator.periods(for: forloeb(.fullTime), month: ym("2021-08")).first)
        #expect(r.fuldPeriodeDato == d("2021-07-19"))
        #expect(r.timerForbrugt == 641.32 && r.akasse == "03" && r.forsikring == .fullTime)
        let dec = try #require(ForsoegsperiodeCalculator.periods(for: forloeb(.fullTime), month: ym("2020-12")).first)
        #expect(dec.timerForbrugtHundredths == 32066 && dec.fuldPeriodeDato == nil)
        let jun = try #require(ForsoegsperiodeCalculator.periods(for: forloeb(.fullTime), month: ym("2021-06")).first)
        #expect(jun.timerForbrugtHundredths == 32066)
        let jul = try #require(ForsoegsperiodeCalculator.periods(for: forloeb(.fullTime), month: ym("2021-07")).first)
        #expect(jul.fuldPeriodeDato == d("2021-07-19"))
        // Cumulated at 2021-07-19: 320.66 + 13 × 160.33/22 = 415.40.
        let t = PersonTimeline(forloeb(.fullTime), month: ym("2021-07"))
        #expect(t.consumption(from: d("2020-11-02"), threshold: .max).total.roundedHundredths == 48099)
        let s = try #require(t.spells.first { $0.group == .ad })
        #expect(t.hoursSum(s, from: d("2020-11-02"), to: d("2021-07-19"), excluding: rules.fsgSuspension).roundedHundredths == 41540)
        #expect(t.hoursSum(s, from: d("2020-11-02"), to: d("2021-07-16"), excluding: rules.fsgSuspension).roundedHundredths < 41000)
    }

    @Test("TV-33 FSG-0.3 full experiment period, part-time (D)")
    func tv33D() throws {
        let r = try #require(ForsoegsperiodeCalculator.periods(for: forloeb(.partTime), month: ym("2021-08")).first)
        #expect(r.fuldPeriodeDato == d("2021-07-19"))
        #expect(r.forsikring == .partTime)
        #expect(r.timerForbrugtHundredths == 52000)
    }

    @Test("FSG-0.3 addendum: only days inside a dagpengeperiode count; forløb after last(M) is not listed")
    func insidePeriodOnly() {
        var p = forloeb(.fullTime)
        p.dagpengeperioder = [periode("2020-12-01")]
        let r = ForsoegsperiodeCalculator.periods(for: p, month: ym("2020-12"))
        #expect(r.first?.timerForbrugtHundredths == 16033)
        #expect(ForsoegsperiodeCalculator.periods(for: p, month: ym("2020-10")).isEmpty)
    }
}
