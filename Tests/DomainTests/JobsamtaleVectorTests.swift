import Testing
import ColumnStore
import ReferenceData
@testable import Domain

/// Part C vectors of the measurement families (WIN, TALK, EXEMPT, POP-5..7, FOCUS), named by
/// rule and vector. Durations of the same vectors are tested in VectorTests.
@Suite struct WindowAndTalkVectors {
    static let tv02 = with(person(ky: [line(.kh, "2019-01-01", "2020-12-31")]),
                           talks: [talk("2019-06-19"), talk("2020-01-10"), talk("2020-03-12"), talk("2020-06-02")])

    @Test("TV-02 WIN-2/DEAD-3/TALK-1 KH M=2020-12: Ws 2019-09-01, counted {2020-01-10, 2020-06-02}")
    func tv02() throws {
        let m = try #require(measured(Self.tv02, "2020-12", .kh))
        #expect(m.duration.durationDays == 609 && m.duration.yearBand == "1 – 2 år")
        #expect(m.window.start == d("2019-09-01") && m.window.end == d("2020-12-31"))
        #expect(m.talkWindowStart == d("2019-09-01"))
        #expect(isoDates(m) == ["2020-01-10", "2020-06-02"] && m.talks == 2)
        #expect(!m.isExempt && m.exemption.share == 0)
        // WIN-2: N = 366 non-dead days in [Ws, E].
        #expect((m.window.end - m.window.start + 1) - 122 == 366)
    }

    @Test("TV-03 WIN-2/WIN-4 KH M=2020-05: Ws 2019-03-01, talk after E not counted")
    func tv03() throws {
        let m = try #require(measured(Self.tv02, "2020-05", .kh))
        #expect(m.duration.durationDays == 425)
        #expect(m.window.start == d("2019-03-01"))
        #expect(isoDates(m) == ["2019-06-19", "2020-01-10"])
    }

    @Test("TV-04 WIN-2/TALK-6a KH M=2020-06: counted 3, also with the 2020-06-02 talk by phone")
    func tv04() throws {
        let m = try #require(measured(Self.tv02, "2020-06", .kh))
        #expect(m.window.start == d("2019-03-01") && m.talks == 3)
        var p = Self.tv02
        p.samtaler[3].kontaktform = .phone
        #expect(measured(p, "2020-06", .kh)?.talks == 3)
        // Without the COVID window the same phone talk in a non-Skema 2 kommune would not count.
        p.samtaler[3].dato = d("2019-12-02")
        #expect(measured(p, "2020-06", .kh)?.talks == 2)
    }

    @Test("TV-05 TALK-2/DEAD-3 sygedagpenge: SYG talks, any form; 12 Mar–26 May and after E not counted")
    func tv05() throws {
        let p = with(person(ksd: [KsdRow(forloebId: "A", start: d("2020-01-06"), slut: d("2020-05-29"), kommune: "751")]),
                     talks: [talk("2020-02-10", .phone, type: .syg), talk("2020-03-05", .phone, type: .syg),
                             talk("2020-04-15", type: .syg), talk("2020-05-28", .digital, type: .syg),
                             talk("2020-05-30", type: .syg), talk("2020-02-12", type: .job)])
        let m = try #require(measured(p, "2020-05", .sdp))
        #expect(m.duration.durationDays == 55 && m.duration.interval == "1 måned")
        #expect(isoDates(m) == ["2020-02-10", "2020-03-05", "2020-05-28"])
    }

    @Test("TV-11 WIN-3 AD window at 12+: Ws 2023-04-03; 2023-03-31 not counted, 2023-04-03 counted")
    func tv11() throws {
        let p = with(person(taeller: [periode("2023-01-01")], fleur: monthly("2023-01", "2024-03")),
                     talks: [talk("2023-03-31"), talk("2023-04-03")])
        let m = try #require(measured(p, "2024-03", .ad))
        #expect(m.duration.durationHundredths == 240495)
        #expect(m.window.start == d("2023-04-03"))
        #expect(isoDates(m) == ["2023-04-03"])
    }

    @Test("TV-12 TALK-4 AD talk without payment: not on a KH day, yes on a day without any benefit")
    func tv12() throws {
        let p = with(person(taeller: [periode("2024-01-01")], fleur: monthly("2024-01", "2024-01") + monthly("2024-03", "2024-03"),
                            ky: [line(.kh, "2024-02-01", "2024-02-15")]),
                     talks: [talk("2024-02-14"), talk("2024-02-20")])
        let m = try #require(measured(p, "2024-03", .ad))
        #expect(m.duration.durationHundredths == 32066 && m.duration.interval == "2 måneder")
        #expect(isoDates(m) == ["2024-02-20"])
    }

    @Test("TV-13 TALK-1/TALK-2 one talk per day; CV alone never counts")
    func tv13() throws {
        let p = with(person(ky: [line(.kh, "2024-01-01", "2024-02-29")]),
                     talks: [talk("2024-02-05"), talk("2024-02-05", .phone), talk("2024-02-12"),
                             talk("2024-02-12", type: .cv), talk("2024-02-19", type: .cv)])
        #expect(measured(p, "2024-02", .kh)?.talks == 2)
    }

    @Test("TV-22 TALK-6c/TALK-5 active offer waives the form up to 2023-03-21, not for F1 after it")
    func tv22() throws {
        let offer = TilbudRow(kategori: .vp, fra: d("2022-10-01"), til: d("2022-10-31"))
        let a = with(person(ky: [line(.kh, "2022-09-01", "2022-10-31")]), talks: [talk("2022-10-12", .phone)], tilbud: [offer])
        let ma = try #require(measured(a, "2022-10", .kh))
        #expect(ma.duration.durationDays == 61 && ma.duration.interval == "1 måned" && ma.talks == 1)
        var noOffer = a
        noOffer.tilbud = []
        #expect(measured(noOffer, "2022-10", .kh)?.talks == 0)

        let b = with(person(ky: [line(.kh, "2023-04-01", "2023-04-30")]),
                     talks: [talk("2023-04-12", .phone), talk("2023-04-26", .phone)],
                     tilbud: [TilbudRow(kategori: .vp, fra: d("2023-04-10"), til: d("2023-05-10"))])
        let mb = try #require(measured(b, "2023-04", .kh))
        #expect(mb.firstTalk == d("2023-04-12") && isoDates(mb) == ["2023-04-26"])
    }

    @Test("TV-23 TALK-5/TALK-7 first talk in person from 2023-03-22; Skema 2 (Nordjyske: D only, to 2023-12-31)")
    func tv23() throws {
        func kh(_ a: String, _ b: String, kommune: String) -> PersonHistory {
            var p = person(ky: [KyLine(ydelse: .kh, fra: d(a), til: d(b), kommune: kommune)],
                           bopael: [BopaelRow(kommune: kommune, fra: d("2000-01-01"), til: nil)])
            p.pnr = 1
            return p
        }
        let a = with(kh("2023-04-01", "2023-05-31", kommune: "751"),
                     talks: [talk("2023-04-20", .phone), talk("2023-05-20", .phone)])
        #expect(measured(a, "2023-05", .kh)?.talks == 1)
        let b = with(kh("2023-04-01", "2023-05-31", kommune: "851"),
                     talks: [talk("2023-04-20", .digital, kommune: "851"), talk("2023-05-20", .phone, kommune: "851")])
        #expect(measured(b, "2023-05", .kh)?.talks == 2)
        let c = with(kh("2023-04-01", "2023-05-31", kommune: "851"),
                     talks: [talk("2023-04-20", .phone, kommune: "851"), talk("2023-05-20", .phone, kommune: "851")])
        #expect(measured(c, "2023-05", .kh)?.talks == 1)
        let dd = with(kh("2024-04-01", "2024-04-30", kommune: "851"), talks: [talk("2024-04-20", .digital, kommune: "851")])
        #expect(measured(dd, "2024-04", .kh)?.talks == 0)
    }

    @Test("TV-24 TALK-8 AK-held talk gets no Skema 2 exception, but the COVID window applies")
    func tv24() throws {
        let base = person(taeller: [periode("2021-09-06")],
                          fleur: [fleur("2021-09-06", "2021-09-30", timer: 12000)] + monthly("2021-10", "2021-10"),
                          bopael: [BopaelRow(kommune: "851", fra: d("2000-01-01"), til: nil)])
        let ak = with(base, talks: [talk("2021-09-20", .digital, afholder: .akasse, kommune: "851", akasse: "03")])
        #expect(measured(ak, "2021-10", .ad)?.talks == 0)
        let jc = with(base, talks: [talk("2021-09-20", .digital, afholder: .jobcenter, kommune: "851", akasse: "03")])
        #expect(measured(jc, "2021-10", .ad)?.talks == 1)
        var later = with(base, talks: [talk("2021-12-20", .digital, afholder: .akasse, kommune: "851", akasse: "03")])
        later.fleur += monthly("2021-11", "2021-12")
        #expect(measured(later, "2021-12", .ad)?.talks == 1)
    }

    @Test("TV-25 TALK-6b digital talk in 2022 counts from six months into the spell")
    func tv25() throws {
        let a = with(person(ky: [line(.kh, "2021-06-01", "2022-02-28")]), talks: [talk("2022-02-15", .phone)])
        #expect(measured(a, "2022-02", .kh)?.talks == 1)
        let b = with(person(ky: [line(.kh, "2021-10-01", "2022-02-28")]), talks: [talk("2022-02-15", .phone)])
        #expect(measured(b, "2022-02", .kh)?.talks == 0)
    }

    @Test("TV-26 TALK-6a COVID windows 2021–22: counted 2 (2021-12-19 and 2022-01-31)")
    func tv26() throws {
        let p = with(person(ky: [line(.kh, "2021-11-01", "2022-02-28")]),
                     talks: [talk("2021-11-15", .phone), talk("2021-12-19", .phone), talk("2022-01-31", .phone), talk("2022-02-01", .phone)])
        let m = try #require(measured(p, "2022-02", .kh))
        #expect(m.duration.durationDays == 120 && m.duration.interval == "3 måneder")
        #expect(isoDates(m) == ["2021-12-19", "2022-01-31"])
    }

    @Test("TV-27 TALK-7 København (T and D) and Solrød (D only)", arguments: [
        (SamtaleRow.Kontaktform.phone, "101", 1), (.phone, "269", 0), (.digital, "269", 1),
    ])
    func tv27(_ v: (SamtaleRow.Kontaktform, String, Int)) throws {
        let p = with(person(ky: [line(.kh, "2019-03-01", "2019-06-30")]), talks: [talk("2019-05-10", v.0, kommune: v.1)])
        let m = try #require(measured(p, "2019-06", .kh))
        #expect(m.duration.durationDays == 122 && m.duration.interval == "4 måneder")
        #expect(m.talks == v.2)
    }

    @Test("TV-28 TALK-10 talks before payment from 2024: W from the tilmelding date")
    func tv28() throws {
        let kh = person(ky: [line(.kh, "2024-03-01", "2024-03-31")])
        let talks = [talk("2024-02-12"), talk("2024-02-26", .phone), talk("2024-03-20", .phone)]
        let p = with(kh, talks: talks, tilmeldinger: ["2024-02-05"])
        let m = try #require(measured(p, "2024-03", .kh))
        #expect(m.duration.durationDays == 31 && m.duration.interval == "1 måned")
        #expect(m.talkAnchor == d("2024-02-05") && m.talkWindowStart == d("2024-02-05") && m.window.end == d("2024-03-31"))
        #expect(m.talks == 3)
        // The exemption window is not extended (WIN-1: "for talks only").
        #expect(m.window.start == d("2024-03-01"))
        var a = p
        a.samtaler[0].kontaktform = .phone
        #expect(measured(a, "2024-03", .kh)?.talks == 2)
        let b = with(kh, talks: talks, tilmeldinger: ["2023-11-20"])
        let mb = try #require(measured(b, "2024-03", .kh))
        #expect(mb.talkAnchor == nil && mb.firstTalk == d("2024-03-20") && mb.talks == 0)
    }

    @Test("TALK-10 no extension over an earlier spell's payment, before 2024 or at 12 months")
    func talk10Limits() throws {
        // An earlier KH spell paid inside [T, start − 1] blocks T.
        let earlier = with(person(ky: [line(.kh, "2023-12-01", "2023-12-31"), line(.kh, "2024-02-01", "2024-02-20"),
                                       line(.kh, "2024-04-01", "2024-04-30")]),
                           talks: [talk("2024-03-10")], tilmeldinger: ["2024-01-10"])
        let m = try #require(measured(earlier, "2024-04", .kh))
        #expect(m.duration.spellStart == d("2024-04-01") && m.talkAnchor == nil && m.talks == 0)
        // A spell starting before 2024 gets no extension.
        let old = with(person(ky: [line(.kh, "2023-12-01", "2023-12-31")]), talks: [talk("2023-11-10")], tilmeldinger: ["2023-11-01"])
        #expect(measured(old, "2023-12", .kh)?.talkAnchor == nil)
    }

    @Test("TV-29 SPELL-7/EXEMPT-1 July 2025: KH-G label; KH days from 2025-07 use the table of their sats")
    func tv29() throws {
        let ky = [line(.uh, "2025-03-01", "2025-06-30"), line(.kh, "2025-07-01", "2025-08-31", sats: .grund)]
        let a = person(ky: ky, maalgruppe: [MaalgruppeRow(fra: d("2025-01-01"), til: nil, kontaktgruppe: 12)])
        let m = try #require(measured(a, "2025-08", .kh))
        #expect(m.duration.groupLabel == "Kontanthjælp, grundsats" && m.duration.durationDays == 184)
        // Code 43 counts for KH (sats H) but not for UH (sats G): 62 days of 184 in July-August.
        var g = a
        g.fravaer = [fravaer("43", "2025-07-01", "2025-08-31")]
        #expect(measured(g, "2025-08", .kh)?.exemption.exemptAmount == 0)
        var h = g
        h.ky[1].sats = .hoejeste
        let mh = try #require(measured(h, "2025-08", .kh))
        #expect(mh.exemption.exemptAmount == 62 && mh.exemption.windowAmount == 184)
        // 62/184 = 33.7 %: dur 184 >= six, so the 50 % rule applies → measured.
        #expect(!mh.isExempt && mh.talks == 0)
    }
}

@Suite struct ExemptionVectors {
    @Test("TV-18 POP-5/DEAD-1 barsel: M=2024-03 counted 2, share 0; M=2024-02 not measured")
    func tv18() throws {
        let p = with(person(ky: [line(.kh, "2024-01-01", "2024-03-31")], fravaer: [fravaer("1", "2024-02-01", "2024-02-29")]),
                     talks: [talk("2024-01-15"), talk("2024-02-10"), talk("2024-03-05")])
        let m = try #require(measured(p, "2024-03", .kh))
        #expect(m.duration.durationDays == 62 && m.duration.interval == "2 måneder")
        #expect(m.talks == 2 && isoDates(m) == ["2024-01-15", "2024-03-05"])
        #expect(m.exemption.share == 0 && m.exemption.windowAmount == 62 && !m.isExempt)
        let feb = JobsamtaleMeasurement.measure(p, month: ym("2024-02"))
        #expect(feb.persons.isEmpty && feb.counters.absentAllMonth == 1)
    }

    @Test("POP-5 the corona dead period never triggers it")
    func pop5Corona() throws {
        let p = person(ky: [line(.kh, "2020-01-01", "2020-04-30")])
        #expect(measured(p, "2020-04", .kh) != nil)
    }

    @Test("TV-19 EXEMPT-2/EXEMPT-3 30 % in the first six months from 2024, 50 % before 2024 and from month 7")
    func tv19() throws {
        let a = person(ky: [line(.kh, "2024-03-01", "2024-05-31")], fravaer: [fravaer("10", "2024-04-01", "2024-04-30")])
        let ma = try #require(measured(a, "2024-05", .kh))
        #expect(ma.duration.durationDays == 92 && ma.duration.interval == "3 måneder")
        #expect(ma.exemption.exemptAmount == 30 && ma.exemption.windowAmount == 92)
        #expect(ma.isExempt && ma.talks == nil && ma.talkDates.isEmpty)
        let b = person(ky: [line(.kh, "2023-03-01", "2023-05-31")], fravaer: [fravaer("10", "2023-04-01", "2023-04-30")])
        let mb = try #require(measured(b, "2023-05", .kh))
        #expect(mb.exemption.exemptAmount == 30 && mb.exemption.windowAmount == 92 && !mb.isExempt && mb.talks == 0)
        let c = person(ky: [line(.kh, "2023-11-01", "2024-05-31")], fravaer: [fravaer("10", "2024-03-01", "2024-05-19")])
        let mc = try #require(measured(c, "2024-05", .kh))
        #expect(mc.duration.durationDays == 213 && mc.duration.interval == "7 måneder")
        #expect(mc.exemption.exemptAmount == 80 && mc.exemption.windowAmount == 213 && !mc.isExempt)
    }

    @Test("TV-20 EXEMPT-4 MII: 5 days of code 92 exempt in the first six months from 2024")
    func tv20() throws {
        let p = person(ky: [line(.kh, "2024-02-01", "2024-04-30")], fravaer: [fravaer("92", "2024-03-04", "2024-03-08")])
        let m = try #require(measured(p, "2024-04", .kh))
        #expect(m.duration.durationDays == 90 && m.exemption.miiDays == 5 && m.isExempt)
        #expect(m.exemption.share == 0)
        var v = p
        v.fravaer = [fravaer("92", "2024-03-04", "2024-03-07")]
        let mv = try #require(measured(v, "2024-04", .kh))
        #expect(mv.exemption.miiDays == 4 && !mv.isExempt)
        let old = person(ky: [line(.kh, "2023-02-01", "2023-04-30")], fravaer: [fravaer("92", "2023-03-06", "2023-03-10")])
        let mo = try #require(measured(old, "2023-04", .kh))
        #expect(mo.duration.durationDays == 89 && mo.exemption.miiDays == 5 && !mo.isExempt)
    }

    @Test("TV-21 EXEMPT-5 code 65 counts up to M=2024-07 (hours share), code 66 kept")
    func tv21() throws {
        let p = person(taeller: [periode("2024-05-01")], fleur: monthly("2024-05", "2024-08"),
                       fravaer: [fravaer("65", "2024-05-01", "2024-06-30")])
        let jul = try #require(measured(p, "2024-07", .ad))
        #expect(jul.exemption.exemptAmount == 32066 && jul.exemption.windowAmount == 48099 && jul.isExempt)
        let aug = try #require(measured(p, "2024-08", .ad))
        #expect(aug.exemption.exemptAmount == 0 && !aug.isExempt)
        var v = p
        v.fravaer[0].kode = "66"
        let v8 = try #require(measured(v, "2024-08", .ad))
        #expect(v8.exemption.exemptAmount == 32066 && v8.exemption.windowAmount == 64132)
        #expect(v8.exemption.share == 0.5 && v8.isExempt)
    }

    @Test("EXEMPT-5 from-dates are compared with the day, visitation conditions with maalgruppe")
    func exempt5() throws {
        // Code 77 counts for KH from 2021-11-29: 2021-11-20..11-28 do not count, 11-29..30 do.
        let p = person(ky: [line(.kh, "2021-11-01", "2021-11-30")], fravaer: [fravaer("77", "2021-11-20", "2021-11-30")])
        #expect(measured(p, "2021-11", .kh)?.exemption.exemptAmount == 2)
        // Code 2 counts for KH only with visitation J.
        let j = person(ky: [line(.kh, "2023-01-01", "2023-01-31")], fravaer: [fravaer("2", "2023-01-01", "2023-01-31")],
                       maalgruppe: [MaalgruppeRow(fra: d("2023-01-01"), til: d("2023-01-15"), kontaktgruppe: 1, visitation: "J"),
                                    MaalgruppeRow(fra: d("2023-01-16"), til: nil, kontaktgruppe: 1, visitation: "A")])
        let mj = try #require(measured(j, "2023-01", .kh))
        #expect(mj.exemption.exemptAmount == 15 && mj.exemption.windowAmount == 31 && !mj.isExempt)
        // Code 78 ("Historisk") stops counting for REV after M = 2024-07, for all of its days.
        let r = person(ky: [line(.rev, "2024-06-01", "2024-08-31")], fravaer: [fravaer("78", "2024-06-01", "2024-07-31")])
        #expect(measured(r, "2024-07", .rev)?.exemption.exemptAmount == 61)
        #expect(measured(r, "2024-08", .rev)?.exemption.exemptAmount == 0)
    }

    @Test("EXEMPT-1 a KH day paid as SHO uses the SHO table (absorbed SHO spell)")
    func shoDaysUseShoTable() throws {
        // Code 47 counts for KH but not for SHO: only the KH days in W are exempt.
        let p = person(ky: [line(.sho, "2024-01-01", "2024-01-31"), line(.kh, "2024-02-01", "2024-02-29")],
                       fravaer: [fravaer("47", "2024-01-20", "2024-02-10")])
        let m = try #require(measured(p, "2024-02", .kh))
        #expect(m.duration.spellStart == d("2024-01-01"))
        #expect(m.exemption.exemptAmount == 10 && m.exemption.windowAmount == 60)
    }

    @Test("TV-30 EXEMPT-6/POP-6 code 91 excludes sygedagpenge in the first six months (days from 2025)")
    func tv30() throws {
        let p = person(ksd: [KsdRow(forloebId: "A", start: d("2025-02-01"), slut: nil, kommune: "751")],
                       fravaer: [fravaer("91", "2025-03-10", "2025-03-10")])
        let apr = JobsamtaleMeasurement.measure(p, month: ym("2025-04"))
        #expect(apr.persons.isEmpty && apr.counters.code91Excluded == 1)
        #expect(row(p, "2025-04", .sdp)?.durationDays == 89)
        let aug = try #require(measured(p, "2025-08", .sdp))
        #expect(aug.duration.durationDays == 212 && aug.duration.interval == "6 måneder")
        let v = person(ksd: [KsdRow(forloebId: "A", start: d("2024-12-01"), slut: nil, kommune: "751")],
                       fravaer: [fravaer("91", "2024-12-15", "2024-12-15")])
        let jan = try #require(measured(v, "2025-01", .sdp))
        #expect(jan.duration.durationDays == 62)
    }

    @Test("TV-31 POP-7 the person counts in AD and KH, and once in all groups on the KH spell")
    func tv31() throws {
        let p = person(taeller: [periode("2024-03-01")], fleur: [fleur("2024-03-01", "2024-03-10", timer: 4373)],
                       ky: [line(.kh, "2024-03-15", "2024-03-31")])
        let ms = measured(p, "2024-03")
        #expect(Set(ms.map(\.group)) == [.ad, .kh])
        #expect(ms.filter(\.allGroups).map(\.group) == [.kh])
    }

    @Test("POP-7 ties on E go to the earlier group in the order AD, SDP, KH, …")
    func pop7Tie() throws {
        let p = person(ky: [line(.kh, "2024-03-01", "2024-03-31")],
                       ksd: [KsdRow(forloebId: "A", start: d("2024-03-05"), slut: d("2024-03-31"), kommune: "751")])
        #expect(measured(p, "2024-03").filter(\.allGroups).map(\.group) == [.sdp])
    }
}

@Suite struct FocusVectors {
    @Test("TV-32 FOCUS-1: 0.25 for six months and 0.35 for six months give 0.30")
    func tv32() {
        let shares: [Double?] = Array(repeating: 0.25, count: 6) + Array(repeating: 0.35, count: 6)
        #expect(abs(JobsamtaleFocus.mean(shares)! - 0.30) < 1e-12)
    }

    @Test("TV-32 FOCUS-3/MEAS-4: MEAS-2 = 0 in any month makes FOCUS undefined")
    func tv32Undefined() {
        var shares: [Double?] = Array(repeating: 0.25, count: 12)
        shares[4] = JobsamtaleFocus.share(fewerThanFour: 0, persons: 0)
        #expect(shares[4] == nil)
        #expect(JobsamtaleFocus.mean(shares) == nil)
        #expect(JobsamtaleFocus.mean(Array(repeating: 0.25, count: 11)) == nil)
        #expect(JobsamtaleFocus.share(fewerThanFour: 1, persons: 4) == 0.25)
    }
}

@Suite struct MeasuredPopulationVectors {
    @Test("TV-01 POP-5/WIN-1 corona: KH in the dead period is measured, W is the whole spell")
    func tv01() throws {
        let p = person(ky: [line(.kh, "2019-12-28", "2020-07-31")])
        let m = try #require(measured(p, "2020-06", .kh))
        #expect(m.duration.durationDays == 64 && m.window.start == d("2019-12-28") && m.window.end == d("2020-06-30"))
        #expect(m.exemption.windowAmount == 64)  // DEAD-4: dead days are left out of the share's denominator
    }

    @Test("TV-14 POP-4 the later sygedagpenge spell is the measured one")
    func tv14() throws {
        let p = person(ksd: [KsdRow(forloebId: "A", start: d("2024-01-10"), slut: d("2024-03-15"), kommune: "751"),
                             KsdRow(forloebId: "B", start: d("2024-03-01"), slut: d("2024-05-20"), kommune: "751"),
                             KsdRow(forloebId: "C", start: d("2024-05-20"), slut: d("2024-06-30"), kommune: "751")])
        let ms = measured(p, "2024-05")
        #expect(ms.count == 1 && ms[0].duration.spellStart == d("2024-05-20") && ms[0].duration.durationDays == 12)
        #expect(ms[0].window.start == d("2024-05-20"))
    }

    @Test("TV-16 SPELL-5 SHO before KH: measured as SHO in March, only as KH in April (window from the SHO start)")
    func tv16() throws {
        let p = person(ky: [line(.sho, "2024-01-01", "2024-03-31"), line(.kh, "2024-04-10", "2024-04-30")])
        #expect(measured(p, "2024-03").map(\.duration.groupLabel) == ["Overgangsydelse"])
        let apr = measured(p, "2024-04")
        #expect(apr.map(\.group) == [.kh] && apr[0].window.start == d("2024-01-01") && apr[0].duration.durationDays == 121)
    }

    @Test("TV-17 SPELL-6 FREV days use the revalidering table (code 16 counts for REV)")
    func tv17() throws {
        let p = person(ky: [line(.frev, "2023-09-01", "2023-12-31"), line(.rev, "2024-01-01", "2024-06-30")],
                       fravaer: [fravaer("16", "2023-12-01", "2023-12-31")])
        let m = try #require(measured(p, "2024-06", .rev))
        #expect(m.duration.durationDays == 304 && m.exemption.exemptAmount == 31 && m.exemption.windowAmount == 304)
    }
}

@Suite struct JobsamtaleReferenceDataTests {
    static let jr = rules.jobsamtaler

    @Test("CONV-8 the jobsamtaler windows are the reference data of the CONV-8 table")
    func windows() {
        #expect(Self.jr.talksNeverCount == [DayInterval(d("2020-03-12"), d("2020-05-26"))])
        #expect(Self.jr.covidAnyForm == [DayInterval(d("2020-05-27"), d("2021-08-31")), DayInterval(d("2021-12-19"), d("2022-01-31"))])
        #expect(Self.jr.digitalAfterSix == [DayWindow(from: d("2022-01-01"), to: d("2023-03-21"))])
        #expect(Self.jr.activeOfferWaiver == [DayWindow(from: nil, to: d("2023-03-21"))])
        #expect(Self.jr.firstTalkInPerson == [DayWindow(from: d("2023-03-22"), to: nil)])
        #expect(Self.jr.talksBeforePayment == [DayWindow(from: d("2024-01-01"), to: nil)])
        #expect(Self.jr.code91Excludes == [DayWindow(from: d("2025-01-01"), to: nil)])
        let t23 = Self.jr.thresholds.row(for: ym("2023-12")), t24 = Self.jr.thresholds.row(for: ym("2024-01"))
        #expect(t23.sharePercentBeforeSix == 50 && t23.miiDaysBeforeSix == nil && t23.sharePercentFromSix == 50)
        #expect(t24.sharePercentBeforeSix == 30 && t24.miiDaysBeforeSix == 5 && t24.sharePercentFromSix == 50)
    }

    @Test("TALK-7 Skema 2: 22 kommuner; København T and D to 2020-09-01; Nordjyske D to 2023-12-31")
    func skema2() {
        #expect(Self.jr.skema2.windows.count == 22)
        #expect(Self.jr.skema2.allows(kommune: "101", day: d("2020-09-01"), form: "T"))
        #expect(!Self.jr.skema2.allows(kommune: "101", day: d("2020-09-02"), form: "D"))
        #expect(Self.jr.skema2.allows(kommune: "825", day: d("2023-12-31"), form: "D"))   // Læsø
        #expect(!Self.jr.skema2.allows(kommune: "825", day: d("2023-12-31"), form: "T"))
        #expect(Self.jr.skema2.allows(kommune: "219", day: d("2021-12-31"), form: "D"))   // Hillerød
        #expect(!Self.jr.skema2.allows(kommune: "219", day: d("2022-01-01"), form: "D"))
        #expect(!Self.jr.skema2.allows(kommune: "269", day: d("2018-10-31"), form: "D"))  // Solrød from 2018-11-01
    }

    @Test("EXEMPT-5 table: groups per code, visitation, from-dates and last months as the rule prints them")
    func exemptionCodes() {
        let t = Self.jr.exemptionCodes
        let groups = ["AD", "KH", "UH", "SHO", "REV", "SDP", "LED", "RES", "JAF"]
        func has(_ c: String) -> [String] { groups.filter { t.entry(code: c, group: $0) != nil } }
        #expect(has("3") == groups && has("70") == groups)
        #expect(has("53") == ["SDP"] && has("16") == ["REV"] && has("11") == ["AD"])
        #expect(has("77") == ["AD", "KH", "SHO", "REV", "LED", "RES", "JAF"])
        #expect(has("79") == ["AD", "KH", "UH", "SHO", "REV", "LED", "RES", "JAF"])
        #expect(has("1").isEmpty && has("90").isEmpty && has("91").isEmpty && has("92").isEmpty)
        #expect(t.entry(code: "2", group: "SHO")?.visitation == ["J", "OU"] && t.entry(code: "2", group: "AD")?.visitation == [])
        #expect(t.entry(code: "77", group: "KH")?.from == d("2021-11-29") && t.entry(code: "78", group: "UH")?.lastMonth == nil)
        #expect(t.entry(code: "78", group: "REV")?.lastMonth == ym("2024-07") && t.entry(code: "79", group: "AD")?.lastMonth == ym("2025-02"))
        #expect(t.entry(code: "65", group: "AD")?.from == nil && t.entry(code: "65", group: "AD")?.lastMonth == ym("2024-07"))
    }
}
