import ColumnStore
import ReferenceData
import Testing
@testable import Domain

// Part B vectors (RULES.md Part C, TV-33..43) on the Domain logic of the experiment monitoring.
// Table-level checks of the same vectors (shares, discretion, grids) are in
// StagesTests/MonitoringTablesTests.swift.

func samtale(_ date: String, _ type: SamtaleRow.Kind = .job, _ afholder: SamtaleRow.Afholder = .akasse,
             individuel: Bool = true, akasse: String? = "07") -> SamtaleRow {
    SamtaleRow(dato: d(date), type: type, afholder: afholder, individuel: individuel, kommune: "101", akasse: akasse)
}

func forsoeg(_ id: String, akasse: String = "07", kommune: String = "101", _ visit: String, _ end: String? = nil,
             _ aarsag: String? = nil) -> ForsoegRow {
    ForsoegRow(forloebId: id, akasse: akasse, kommune: kommune, visitationsdato: d(visit), afslutningsdato: end.map(d), aarsag: aarsag)
}

func experimentFacts(forsoeg f: [ForsoegRow], samtaler: [SamtaleRow] = [], tilbud: [TilbudRow] = [], month: String,
                     pnr: Int64 = 1) -> ExperimentPersonFacts {
    let p = PersonHistory(pnr: pnr, birthDate: d("1980-01-01"), forsoeg: f, samtaler: samtaler, tilbud: tilbud)
    return ExperimentFactsCalculator.facts(for: p, month: ym(month))
}

@Suite struct ExperimentVectors {
    @Test("TV-34 FSG-0.5/FSG-0.6 unique conversations: before visitation and jobcenter lines do not count")
    func tv34() throws {
        let lines = [samtale("2021-02-20"), samtale("2021-03-10"), samtale("2021-03-10", .cv), samtale("2021-03-24", .raad),
                     samtale("2021-03-31"), samtale("2021-04-07", .fjob, .jobcenter), samtale("2021-04-07", .raad),
                     samtale("2021-04-14", .job, .jobcenter, akasse: nil)]
        let f = experimentFacts(forsoeg: [forsoeg("F1", "2021-03-01")], samtaler: lines, month: "2021-04")
        #expect(f.conversations.map(\.dato) == [d("2021-03-10"), d("2021-03-24"), d("2021-03-31"), d("2021-04-07")])
        #expect(f.conversations.map(\.types) == [[.job, .cv], [.raad], [.job], [.fjob, .raad]])
        #expect(f.conversations.allSatisfy { $0.akasse == "07" })
        // March: 3 unique; April: 1 (FJOB + RAAD together).
        #expect(f.conversations.filter { $0.dato.yearMonth == ym("2021-03") }.count == 3)
        #expect(f.conversations.filter { $0.dato.yearMonth == ym("2021-04") }.count == 1)
        #expect(f.forloeb.first?.uniqueConversations == 4)
    }

    @Test("TV-35 FSG-2.2 focus is the mean of the monthly shares, months without FA skipped → 90.0 %, met")
    func tv35() {
        let rules = ExperimentRules.standard
        let s = rules.supervisionMonths(ym("2021-07"))
        #expect(s == [ym("2020-09"), ym("2020-10"), ym("2020-11"), ym("2020-12"), ym("2021-07")])
        #expect(!s.contains(ym("2021-03")))
        let byMonth: [YearMonth: FocusMeasure.Month] = [ym("2020-11"): .init(ja: 4, nej: 1), ym("2020-12"): .init(ja: 3, nej: 0),
                                                        ym("2021-03"): .init(ja: 0, nej: 2), ym("2021-07"): .init(ja: 9, nej: 1)]
        let focus = FocusMeasure(months: s.map { byMonth[$0] ?? .init(ja: 0, nej: 0) })
        #expect(abs(focus.value! - 0.90) < 1e-12)
        #expect(focus.targetMet)
        #expect(focus.ja == 16 && focus.nej == 2)
    }

    @Test("TV-36 FSG-2.2 seed Bilag 3a (S000, 2021-11): focus 84.988 %, shown 85 %, target not met; pooled 80.9 % is not the measure")
    func tv36() {
        let months: [(Int, Int)] = [(393, 457), (1001, 1142), (233, 260), (439, 493), (1859, 2824), (1899, 2134), (1179, 1343)]
        let focus = FocusMeasure(months: months.map { .init(ja: $0.0, nej: $0.1 - $0.0) })
        let v = focus.value!
        #expect(abs(v - 0.84988) < 0.00001)
        #expect(!focus.targetMet)
        #expect(focus.ja == 7003 && focus.ja + focus.nej == 8653)
        let pooled = Double(focus.ja) / Double(focus.ja + focus.nej)
        #expect(abs(pooled - 0.809) < 0.0005 && abs(pooled - v) > 0.03)
        // The supervision months of 2021-11 (FSG-0.9) are the seven months of the table plus 2020-09/10.
        #expect(ExperimentRules.standard.supervisionMonths(ym("2021-11")) ==
                [ym("2020-09"), ym("2020-10"), ym("2020-11"), ym("2020-12"), ym("2021-07"), ym("2021-08"), ym("2021-09"),
                 ym("2021-10"), ym("2021-11")])
    }

    @Test("TV-37 FSG-0.10/FSG-S.1 last week 2021-11-24..30: a and c counted, b and d not")
    func tv37() {
        let week = ExperimentRules.standard.lastWeek(ym("2021-11"))
        #expect(week == DayInterval(d("2021-11-24"), d("2021-11-30")))
        let cases: [(ForsoegRow, Bool)] = [
            (forsoeg("a", "2021-10-01", "2021-11-24", "ND"), true), (forsoeg("b", "2021-10-01", "2021-11-23", "ND"), false),
            (forsoeg("c", "2021-11-30"), true), (forsoeg("d", "2021-12-01"), false),
        ]
        var counted = 0
        for (i, (row, expected)) in cases.enumerated() {
            let f = experimentFacts(forsoeg: [row], month: "2021-11", pnr: Int64(i + 1))
            let inM = f.coveredLastWeek.contains { $0.month == ym("2021-11") }
            #expect(inM == expected, "\(row.forloebId)")
            if inM { counted += 1 }
        }
        #expect(counted == 2)
    }

    @Test("TV-40 FSG-B1 Bilag 1 groups: UP → Behov for tidlig indsats, ND → Øvrige, FA → Forsøgsperiode afsluttet")
    func tv40() {
        #expect(Afslutningsaarsag.up.group.label == "Behov for tidlig indsats")
        #expect(Afslutningsaarsag.ti.group == .tidligIndsats)
        #expect(Afslutningsaarsag.nd.group.label == "Øvrige")
        #expect(Afslutningsaarsag.ke.group == .oevrige && Afslutningsaarsag.ua.group == .oevrige)
        #expect(Afslutningsaarsag.fa.group.label == "Forsøgsperiode afsluttet")
    }

    /// TV-41/42 person: foerste_dag 2022-01-10; AD 2022-01-10..03-06 and 2022-05-02..05-29.
    static func cohortPerson(extraFleur: [FleurRecord] = [], eindkomst: [EindkomstRow] = [], visit: String? = "2022-01-12",
                             akasse: String = "03", kommune: String = "751") -> PersonHistory {
        let paid = [fleur("2022-01-10", "2022-01-31", timer: 10000), fleur("2022-02-01", "2022-02-28", timer: 16033),
                    fleur("2022-03-01", "2022-03-06", timer: 2900), fleur("2022-05-02", "2022-05-29", timer: 14500)]
            .map { r -> FleurRecord in var r = r; r.akasse = akasse; return r }
        return PersonHistory(pnr: 1, birthDate: d("1980-01-01"), dagpengeperioder: [periode("2022-01-10")],
                             fleur: paid + extraFleur, bopael: [BopaelRow(kommune: kommune, fra: d("2000-01-01"), til: nil)],
                             forsoeg: visit.map { [forsoeg("F1", akasse: "03", kommune: kommune, $0)] } ?? [], eindkomst: eindkomst)
    }

    @Test("TV-41 FSG-4.1 weeks on dagpenge with relapse: 0, 4, 16, 17 yes; 8, 13, 21, 26 no")
    func tv41() throws {
        let f = ExperimentFactsCalculator.facts(for: Self.cohortPerson(), month: ym("2023-01"))
        let c = try #require(f.cohort.first)
        #expect(f.cohort.count == 1 && c.population == .forsoeg)
        #expect(c.onDagpenge.count == 27)
        for (w, on) in [(0, true), (4, true), (8, false), (13, false), (16, true), (17, true), (21, false), (26, false)] {
            #expect(c.onDagpenge[w] == on, "week \(w)")
        }
    }

    @Test("TV-42 FSG-4.2 status on D6 = 2022-07-10 and FSG-4.0 quarter: 2023-01 uses 2022K1")
    func tv42() throws {
        #expect(d("2022-01-10").addingMonths(6) == d("2022-07-10"))
        let work = ExperimentFactsCalculator.facts(for: Self.cohortPerson(eindkomst: [EindkomstRow(maaned: ym("2022-07"), loentimer: 12000)]),
                                                   month: ym("2023-01"))
        #expect(work.cohort.first?.status == .beskaeftigelse)
        let ad = ExperimentFactsCalculator.facts(for: Self.cohortPerson(extraFleur: [fleur("2022-07-01", "2022-07-31", timer: 16033)],
                                                                        eindkomst: [EindkomstRow(maaned: ym("2022-07"), loentimer: 12000)]),
                                                 month: ym("2023-01"))
        #expect(ad.cohort.first?.status == .dagpenge)
        let none = ExperimentFactsCalculator.facts(for: Self.cohortPerson(), month: ym("2023-01"))
        #expect(none.cohort.first?.status == .oevrige)
        let rules = ExperimentRules.standard
        #expect(rules.cohortQuarter(ym("2023-01")) == Quarter(year: 2022, quarter: 1))
        #expect(rules.cohortQuarter(ym("2023-01")).label == "2022K1")
        #expect(Quarter(year: 2022, quarter: 2).last.addingMonths(9) == d("2023-03-30"))
        #expect(rules.cohortQuarter(ym("2023-02")) == Quarter(year: 2022, quarter: 1))
        #expect(rules.cohortQuarter(ym("2023-03")) == Quarter(year: 2022, quarter: 2))  // 2023-03-30 <= 2023-03-31
    }

    @Test("FSG-4.0 populations: no forløb and a permitted pair → neither; a non-permitted pair → Ikke-forsøg")
    func populations() {
        // 03 (Dansk Metal-A) is permitted in Aarhus (751); a-kasse 12 is not an experiment a-kasse.
        #expect(ExperimentPair.isPermitted(akasse: "03", kommune: "751"))
        let permitted = ExperimentFactsCalculator.facts(for: Self.cohortPerson(visit: nil), month: ym("2023-01"))
        #expect(permitted.cohort.isEmpty)
        let other = ExperimentFactsCalculator.facts(for: Self.cohortPerson(visit: nil, akasse: "12"), month: ym("2023-01"))
        #expect(other.cohort.map(\.population) == [.ikkeForsoeg])
        // A visitation outside the dagpengeperiode does not make it Forsøg.
        let outside = ExperimentFactsCalculator.facts(for: Self.cohortPerson(visit: "2021-12-01", akasse: "12"), month: ym("2023-01"))
        #expect(outside.cohort.map(\.population) == [.ikkeForsoeg])
    }

    @Test("TV-43 FSG-0.7/FSG-2.1/FSG-B2: X 3 unique, 2 individual jobsamtaler → 3+, Ja; Y 1 group JOB → 1, Nej")
    func tv43() throws {
        let x = experimentFacts(forsoeg: [forsoeg("X", "2021-07-01", "2021-10-15", "FA")],
                                samtaler: [samtale("2021-07-05"), samtale("2021-08-05", .fjob), samtale("2021-09-05", .cv)],
                                month: "2021-10", pnr: 1)
        let y = experimentFacts(forsoeg: [forsoeg("Y", "2021-07-01", "2021-10-20", "FA")],
                                samtaler: [samtale("2021-08-10", individuel: false)], month: "2021-10", pnr: 2)
        let fx = try #require(x.forloeb.first), fy = try #require(y.forloeb.first)
        #expect(fx.uniqueConversations == 3 && fx.individualJobsamtaler == 2 && fx.fokusJa)
        #expect(fy.uniqueConversations == 1 && fy.individualJobsamtaler == 0 && !fy.fokusJa)
        #expect(Double(fx.uniqueConversations + fy.uniqueConversations) / 2 == 2.0)
        let share = FocusMeasure.Month(ja: 1, nej: 1).share
        #expect(share == 0.5)
    }

    @Test("TV-33 FSG-0.3 Decision: FA registered before the computed full period (2021-07-19) is 'for tidligt'; open past it 'for sent'")
    func tv33Quality() throws {
        let p = ForsoegVectors().forloeb(.fullTime)
        let reached = try #require(ForsoegsperiodeCalculator.periods(for: p, month: ym("2021-09")).first?.fuldPeriodeDato)
        #expect(reached == d("2021-07-19"))
        func known(_ end: String?, _ aarsag: String?, _ m: String) -> KnownForloeb {
            KnownForloeb(ForsoegRow(forloebId: "F1", akasse: "03", visitationsdato: d("2020-11-02"), afslutningsdato: end.map(d), aarsag: aarsag),
                         month: ym(m))!
        }
        #expect(FullPeriodCheck.deviation(known("2021-07-16", "FA", "2021-09"), fullPeriodDay: reached, month: ym("2021-09")) == .tooEarly)
        #expect(FullPeriodCheck.deviation(known("2021-07-19", "FA", "2021-09"), fullPeriodDay: reached, month: ym("2021-09")) == nil)
        #expect(FullPeriodCheck.deviation(known("2021-07-16", "ND", "2021-09"), fullPeriodDay: reached, month: ym("2021-09")) == nil)
        #expect(FullPeriodCheck.deviation(known("2021-07-16", "FA", "2021-09"), fullPeriodDay: nil, month: ym("2021-09")) == .tooEarly)
        // Open: last(M) − 1 month = 2021-08-30 for M = 2021-09 → for sent; 2021-07-31 for 2021-08 → for sent;
        // 2021-06-30 for 2021-07 → not yet.
        #expect(FullPeriodCheck.deviation(known(nil, nil, "2021-09"), fullPeriodDay: reached, month: ym("2021-09")) == .tooLate)
        #expect(FullPeriodCheck.deviation(known(nil, nil, "2021-08"), fullPeriodDay: reached, month: ym("2021-08")) == .tooLate)
        #expect(FullPeriodCheck.deviation(known(nil, nil, "2021-07"), fullPeriodDay: reached, month: ym("2021-07")) == nil)
    }
}

@Suite struct ExperimentRuleTests {
    @Test("FSG-0.2 as known at M: visitation after last(M) does not exist; afslutningsdato after last(M) not known")
    func knownAtM() throws {
        let row = forsoeg("F", "2021-03-10", "2021-05-04", "FA")
        #expect(KnownForloeb(row, month: ym("2021-02")) == nil)
        let open = try #require(KnownForloeb(row, month: ym("2021-04")))
        #expect(open.afslutningsdato == nil && open.aarsag == nil && open.covers(d("2021-06-01")))
        let ended = try #require(KnownForloeb(row, month: ym("2021-05")))
        #expect(ended.afslutningsdato == d("2021-05-04") && ended.aarsag == .fa)
        // Decision: the afslutningsdato is a covered day.
        #expect(ended.covers(d("2021-05-04")) && !ended.covers(d("2021-05-05")) && !ended.covers(d("2021-03-09")))
    }

    @Test("FSG-0.5 attribution to the forløb with the latest visitationsdato; FJOB counts when held by the jobcenter")
    func attribution() {
        let f = experimentFacts(forsoeg: [forsoeg("A", akasse: "01", "2021-01-01"), forsoeg("B", akasse: "06", "2021-03-01")],
                                samtaler: [samtale("2021-02-01"), samtale("2021-03-02", .fjob, .jobcenter), samtale("2021-03-03", .syg)],
                                month: "2021-03")
        #expect(f.conversations.map(\.akasse) == ["01", "06"])
        #expect(f.forloeb.map(\.uniqueConversations) == [1, 1])
    }

    @Test("FSG-3.0 experiment offers: akasse filled and fra covered; attributed to the covering forløb's a-kasse")
    func offers() {
        let t = [TilbudRow(kategori: .vo, fra: d("2021-04-01"), til: nil, akasse: "99"),
                 TilbudRow(kategori: .vp, fra: d("2021-04-02"), til: nil, akasse: nil),
                 TilbudRow(kategori: .lt, fra: d("2021-02-01"), til: nil, akasse: "07")]
        let f = experimentFacts(forsoeg: [forsoeg("F", "2021-03-01")], tilbud: t, month: "2021-04")
        #expect(f.offers == [ExperimentOffer(fra: d("2021-04-01"), kategori: .vo, akasse: "07")])
    }

    @Test("FSG-0.9 supervision months: 2020-09..12 and 2021-07..M up to 2022-12; from 2023 the calendar year")
    func supervision() {
        let r = ExperimentRules.standard
        #expect(r.supervisionMonths(ym("2021-03")) == [ym("2020-09"), ym("2020-10"), ym("2020-11"), ym("2020-12")])
        #expect(r.supervisionMonths(ym("2022-12")).count == 4 + 18)
        #expect(r.supervisionMonths(ym("2023-03")) == [ym("2023-01"), ym("2023-02"), ym("2023-03")])
        #expect(r.supervisionMonths(ym("2020-08")).isEmpty)
        #expect(r.months(through: ym("2020-10")) == [ym("2020-09"), ym("2020-10")])
    }

    @Test("FSG-0.8 forløb of a non-experiment a-kasse are left out and counted")
    func unknownAkasse() {
        let f = experimentFacts(forsoeg: [forsoeg("F", akasse: "15", "2021-03-01")], month: "2021-04")
        #expect(f.forloeb.isEmpty && f.unknownAkasse == 1)
    }
}
