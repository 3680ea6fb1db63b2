import ColumnStore
import Publishing
import Testing
@testable import Domain
@testable import Stages

// Part B vectors (TV-34..43) and the seed tile figures on the monitoring tables themselves:
// grids, labels, share denominators and the published (discretised) form.

private func d(_ s: String) -> Day { Day(iso: s)! }

/// The cell in column `column` of the row whose leading label cells equal `key`.
func cell(_ t: MeasureTable, _ key: [String], _ column: String) throws -> MeasureCell {
    let c = try #require(t.header.firstIndex(of: column), "\(t.name) has no column \(column)")
    let hits = t.rows.filter { r in key.indices.allSatisfy { r[$0] == .label(key[$0]) } }
    try #require(hits.count == 1, "\(t.name): \(hits.count) rows for \(key)")
    return hits[0][c]
}

func published(_ t: MeasureTable, _ key: [String], _ column: String) throws -> String { try cell(t, key, column).published(t.style) }
func exact(_ t: MeasureTable, _ key: [String], _ column: String) throws -> String { try cell(t, key, column).exact }

private func forsoeg(_ id: String, _ akasse: String, _ kommune: String = "101", _ visit: String, _ end: String? = nil,
                     _ aarsag: String? = nil) -> ForsoegRow {
    ForsoegRow(forloebId: id, akasse: akasse, kommune: kommune, visitationsdato: d(visit), afslutningsdato: end.map(d), aarsag: aarsag)
}

private func line(_ date: String, _ type: SamtaleRow.Kind = .job, _ afholder: SamtaleRow.Afholder = .akasse,
                  individuel: Bool = true) -> SamtaleRow {
    SamtaleRow(dato: d(date), type: type, afholder: afholder, individuel: individuel, kommune: "101", akasse: "07")
}

/// The tables of M for persons given as (forløb, conversations, offers).
private func tables(_ month: String, _ persons: [(forsoeg: [ForsoegRow], samtaler: [SamtaleRow], tilbud: [TilbudRow])]) -> MonitoringTables {
    let m = YearMonth(month)!
    let facts = persons.enumerated().map { i, p in
        ExperimentFactsCalculator.facts(for: PersonHistory(pnr: Int64(i + 1), birthDate: nil, forsoeg: p.forsoeg, samtaler: p.samtaler,
                                                           tilbud: p.tilbud), month: m)
    }
    return MonitoringTables(month: m, persons: facts)
}

/// Persons with one open forløb (a-kasse `akasse`, visited 2021-01-04) and one offer each.
private func offerPersons(_ kategorier: [[TilbudRow.Kategori]], akasse: String = "01", fra: String = "2021-04-06")
    -> [(forsoeg: [ForsoegRow], samtaler: [SamtaleRow], tilbud: [TilbudRow])] {
    kategorier.enumerated().map { i, ks in
        ([forsoeg("F\(i)", akasse, "101", "2021-01-04")], [],
         ks.map { TilbudRow(kategori: $0, fra: d(fra), til: nil, kommune: "101", akasse: akasse) })
    }
}

@Suite struct MonitoringTablesTests {
    @Test("TV-34 Måling 2.3 March: 3 unique, JOB 2, CV 1, RAAD 1, FJOB 0, Jobsamtaler 50 %, Fælles NaN; April: FJOB 1, RAAD 1, Fælles 100 %")
    func tv34() throws {
        let lines = [line("2021-02-20"), line("2021-03-10"), line("2021-03-10", .cv), line("2021-03-24", .raad), line("2021-03-31"),
                     line("2021-04-07", .fjob, .jobcenter), line("2021-04-07", .raad), line("2021-04-14", .job, .jobcenter)]
        let t = tables("2021-04", [([forsoeg("F1", "07", "101", "2021-03-01")], lines, [])])
        let s = t.m2_3(), together = t.m2_3Together()
        for (type, n) in [("I alt unik", 3), ("Jobsamtale", 2), ("CV samtale", 1), ("Rådighedssamtale", 1), ("Fælles jobsamtale", 0)] {
            #expect(try cell(s, ["2021M03", "MA-A", type], "antal") == .count(n), "\(type)")
            #expect(try cell(s, ["2021M03", "I alt", type], "antal") == .count(n), "\(type)")
        }
        #expect(try published(s, ["2021M03", "MA-A", "Fælles jobsamtale"], "antal") == "0")
        #expect(try cell(s, ["2021M04", "MA-A", "I alt unik"], "antal") == .count(1))
        #expect(try cell(s, ["2021M04", "MA-A", "Fælles jobsamtale"], "antal") == .count(1))
        #expect(try cell(s, ["2021M04", "MA-A", "Jobsamtale"], "antal") == .count(0))
        #expect(try cell(s, ["I alt", "MA-A", "I alt unik"], "antal") == .count(4))
        #expect(try exact(together, ["2021M03", "MA-A"], "andel_jobsamtaler") == "50,00")
        #expect(try exact(together, ["2021M03", "MA-A"], "andel_faelles_jobsamtaler") == "")
        #expect(try published(together, ["2021M03", "MA-A"], "andel_faelles_jobsamtaler") == "NaN")
        // DISC-4: a share over 1-2 (pnr, dato) is *.
        #expect(try published(together, ["2021M03", "MA-A"], "andel_jobsamtaler") == "*")
        #expect(try exact(together, ["2021M04", "MA-A"], "andel_faelles_jobsamtaler") == "100,00")
        #expect(try published(together, ["2021M04", "MA-A"], "andel_jobsamtaler") == "NaN")
    }

    @Test("TV-35 Måling 2.2: Gennemsnit = mean of monthly shares 90 %; rows only for supervision months")
    func tv35() throws {
        var persons: [(forsoeg: [ForsoegRow], samtaler: [SamtaleRow], tilbud: [TilbudRow])] = []
        for (month, total, ja) in [("2020-11", 5, 4), ("2020-12", 3, 3), ("2021-03", 2, 0), ("2021-07", 10, 9)] {
            for i in 0..<total {
                let end = "\(month)-15", visit = "2020-09-0\(1 + i % 5)"
                let talks = i < ja ? [line("2020-09-20"), line("2020-10-20")] : [line("2020-09-20")]
                persons.append(([forsoeg("F\(month)-\(i)", "07", "101", visit, end, "FA")], talks, []))
            }
        }
        let t = tables("2021-07", persons).m2_2()
        #expect(try exact(t, ["Gennemsnit", "I alt"], "andel") == "90,00")
        #expect(try published(t, ["Gennemsnit", "I alt"], "andel") == "90")
        #expect(try cell(t, ["Gennemsnit", "I alt"], "ja") == .count(16))
        #expect(try cell(t, ["Gennemsnit", "I alt"], "nej") == .count(2))
        #expect(try exact(t, ["2020M11", "MA-A"], "andel") == "80,00")
        #expect(try published(t, ["2020M09", "MA-A"], "ja") == ".")
        #expect(try published(t, ["2020M09", "MA-A"], "andel") == ".")
        #expect(t.rows.map { $0[0] }.contains(.label("2021M03")) == false)
        // 5 supervision months × 10 a-kasse rows + 10 Gennemsnit rows.
        #expect(t.rows.count == 5 * 10 + 10)
    }

    @Test("TV-36 seed Bilag 3a (S000, 2021-11) in the tables: focus 84,99 → published 85; Hovedtotal 7.003 of 8.653")
    func tv36() throws {
        let m = YearMonth("2021-11")!
        let seed: [(String, Int, Int)] = [("2020-11", 393, 457), ("2020-12", 1001, 1142), ("2021-07", 233, 260), ("2021-08", 439, 493),
                                          ("2021-09", 1859, 2824), ("2021-10", 1899, 2134), ("2021-11", 1179, 1343)]
        var persons: [ExperimentPersonFacts] = []
        for (month, ja, total) in seed {
            for i in 0..<total {
                let row = ForsoegRow(forloebId: "F\(month)-\(i)", akasse: "0\(1 + i % 9)", kommune: "101", visitationsdato: d("2020-09-01"),
                                     afslutningsdato: d("\(month)-15"), aarsag: "FA")
                let f = ForloebFacts(forloeb: KnownForloeb(row, month: m)!, uniqueConversations: 2, individualJobsamtaler: i < ja ? 2 : 1)
                persons.append(ExperimentPersonFacts(pnr: Int64(persons.count + 1), forloeb: [f], conversations: [], offers: [],
                                                     coveredLastWeek: [], cohort: [], unknownAkasse: 0))
            }
        }
        let t = MonitoringTables(month: m, persons: persons)
        let focus = t.m2_2(), b3 = t.bilag3()
        #expect(try exact(focus, ["Gennemsnit", "I alt"], "andel") == "84,99")
        #expect(try published(focus, ["Gennemsnit", "I alt"], "andel") == "85")
        #expect(try published(focus, ["Gennemsnit", "I alt"], "ja") == "7.003")
        #expect(t.focus(t.fullPeriod, akasse: nil).targetMet == false)
        #expect(try published(b3, ["3a", "I alt", "I alt"], "ja") == "7.003")
        #expect(try published(b3, ["3a", "I alt", "I alt"], "i_alt") == "8.653")
        #expect(try published(b3, ["3a", "2021M09", "I alt"], "nej") == "965")
        // Bilag 3a leaves out January-June 2021; 3b would hold them (none here), a 0 cell is *.
        #expect(try published(b3, ["3b", "2021M03", "I alt"], "i_alt") == "*")
        #expect(b3.rows.contains { $0[0] == .label("3a") && $0[1] == .label("2021M03") } == false)
    }

    @Test("TV-37 FSG-S.1 / Måling 1.3: persons covered in the last week of 2021-11 = 2 (shown *)")
    func tv37() throws {
        let t = tables("2021-11", [
            ([forsoeg("a", "01", "101", "2021-10-01", "2021-11-24", "ND")], [], []),
            ([forsoeg("b", "01", "101", "2021-10-01", "2021-11-23", "ND")], [], []),
            ([forsoeg("c", "06", "101", "2021-11-30")], [], []),
            ([forsoeg("d", "06", "101", "2021-12-01")], [], []),
        ])
        #expect(try cell(t.m1_3(), ["2021M11", "I alt"], "antal") == .count(2))
        #expect(try cell(t.m1_3(), ["2021M10", "I alt"], "antal") == .count(2))
        #expect(try cell(t.status(), ["2021M11", "I alt"], "omfattet_sidste_uge") == .count(2))
        #expect(try published(t.status(), ["2021M11", "I alt"], "omfattet_sidste_uge") == "*")
        #expect(try exact(t.m1_3(), ["2021M11", "3F-A"], "andel") == "50,00")
    }

    @Test("FSG-1.3 a person with forløb in two a-kasser counts in each and once in the total")
    func twoAkasser() throws {
        let t = tables("2021-11", [([forsoeg("a", "01", "101", "2021-10-01"), forsoeg("b", "06", "101", "2021-11-02")], [], [])])
        let m = t.m1_3()
        #expect(try cell(m, ["2021M11", "3F-A"], "antal") == .count(1))
        #expect(try cell(m, ["2021M11", "HK-A"], "antal") == .count(1))
        #expect(try cell(m, ["2021M11", "I alt"], "antal") == .count(1))
    }

    @Test("TV-38 Bilag 1: Ærø 1,0,0,2,0 → * 0 0 * 0 3 and Dragør 0,1,0,0,0 → 0 * 0 0 0 *, kommuner in Danish order")
    func tv38() throws {
        let m = "2021-11"
        let t = tables(m, [
            ([forsoeg("e1", "01", "492", "2021-11-02")], [], []), ([forsoeg("e2", "06", "492", "2021-11-03")], [], []),
            ([forsoeg("e3", "06", "492", "2021-11-04")], [], []), ([forsoeg("g1", "04", "155", "2021-11-05")], [], []),
        ]).bilag1Started()
        let aeroe = t.rows.filter { $0[0] == .label("Ærø") }.map { $0[2].published(t.style) }
        #expect(t.rows.filter { $0[0] == .label("Ærø") }.map { $0[1] } == ["3F-A", "Dansk Metal-A", "FOA-A", "HK-A", "SL-A", "I alt"].map { .label($0) })
        #expect(aeroe == ["*", "0", "0", "*", "0", "3"])
        let dragoer = t.rows.filter { $0[0] == .label("Dragør") }.map { $0[2].published(t.style) }
        #expect(dragoer == ["0", "*", "0", "0", "0", "*"])
        let order = t.rows.map { $0[0] }.reduce(into: [MeasureCell]()) { if $0.last != $1 { $0.append($1) } }
        func pos(_ k: String) -> Int { order.firstIndex(of: .label(k)) ?? -1 }
        #expect(pos("Vordingborg") < pos("Ærø") && pos("Ærø") < pos("Aabenraa") && pos("Aabenraa") < pos("Aarhus"))
        #expect(pos("Furesø") < pos("Faaborg-Midtfyn"))
        #expect(order.last == .label("I alt"))
        #expect(try cell(t, ["I alt", "I alt"], "antal") == .count(4))
    }

    @Test("FSG-B1 a forløb in a non-permitted pair counts in its kommune's and a-kasse's totals; a kommune without permitted a-kasser appears with its count")
    func nonPermitted() throws {
        // MA-A (07) is not permitted in Ærø (492); no experiment a-kasse is permitted in Aalborg (851).
        let t = tables("2021-11", [([forsoeg("x", "07", "492", "2021-11-02")], [], []), ([forsoeg("y", "03", "851", "2021-11-03")], [], [])])
            .bilag1Started()
        #expect(t.rows.contains { $0[0] == .label("Ærø") && $0[1] == .label("MA-A") } == false)
        #expect(try cell(t, ["Ærø", "I alt"], "antal") == .count(1))
        #expect(try cell(t, ["I alt", "MA-A"], "antal") == .count(1))
        #expect(t.rows.filter { $0[0] == .label("Aalborg") }.map { $0[1] } == [.label("I alt")])
        #expect(try cell(t, ["Aalborg", "I alt"], "antal") == .count(1))
        #expect(try cell(t, ["I alt", "I alt"], "antal") == .count(2))
        // Without a count Aalborg has no row.
        #expect(tables("2021-11", []).bilag1Started().rows.contains { $0[0] == .label("Aalborg") } == false)
    }

    @Test("TV-39 Måling 3.1 category shares 55, 26, 19, 1, 0 of the category sum")
    func tv39() throws {
        let ks: [[TilbudRow.Kategori]] = Array(repeating: [.vo], count: 5964) + Array(repeating: [.jru], count: 2796)
            + Array(repeating: [.vp], count: 2049) + Array(repeating: [.lt], count: 102)
        let t = tables("2021-04", offerPersons(ks)).m3_1()
        let labels = ["Vejledning og opkvalificering", "6 ugers jobrettet uddannelse", "Virksomhedspraktik", "Løntilskud", "Rådighedsafprøvende tilbud"]
        #expect(try labels.map { try published(t, ["I alt", "3F-A", $0], "andel") } == ["55", "26", "19", "1", "0"])
        #expect(try published(t, ["I alt", "3F-A", "Vejledning og opkvalificering"], "personer") == "5.964")
        #expect(try published(t, ["2021M04", "I alt", "Rådighedsafprøvende tilbud"], "personer") == ".")
        #expect(try cell(t, ["2021M04", "I alt", "I alt"], "personer") == .count(10911))
    }

    @Test("FSG-S.6/S.7 status tiles: 431 = 331 VO + 100 VP; [S001] 465 = 345 + 120; [S002] 24 = 11 + 13; 3.1 Total is distinct persons (11 + 25 > 34)")
    func tiles() throws {
        let s000 = tables("2021-04", offerPersons(Array(repeating: [.vo], count: 331) + Array(repeating: [.vp], count: 100))).status()
        #expect(try cell(s000, ["2021M04", "I alt"], "personer_paabegyndt_tilbud") == .count(431))
        #expect(try cell(s000, ["2021M04", "I alt"], "tilbud_vejledning_opkvalificering") == .count(331))
        #expect(try cell(s000, ["2021M04", "I alt"], "tilbud_virksomhedspraktik") == .count(100))
        let s002 = tables("2021-04", offerPersons(Array(repeating: [.vo], count: 11) + Array(repeating: [.vp], count: 13), akasse: "07")).status()
        #expect(try published(s002, ["2021M04", "MA-A"], "personer_paabegyndt_tilbud") == "24")
        #expect(try published(s002, ["2021M04", "3F-A"], "personer_paabegyndt_tilbud") == "0")
        let s001 = tables("2021-04", offerPersons(Array(repeating: [.vo], count: 345) + Array(repeating: [.vp], count: 120))).status()
        #expect(try published(s001, ["2021M04", "I alt"], "personer_paabegyndt_tilbud") == "465")
        // Two persons with both VO and VP: 11 VO + 25 VP persons, 34 distinct.
        let both = tables("2021-04", offerPersons(Array(repeating: [.vo, .vp], count: 2) + Array(repeating: [.vo], count: 9)
                                                    + Array(repeating: [.vp], count: 23))).m3_1()
        #expect(try cell(both, ["2021M04", "3F-A", "Vejledning og opkvalificering"], "personer") == .count(11))
        #expect(try cell(both, ["2021M04", "3F-A", "Virksomhedspraktik"], "personer") == .count(25))
        #expect(try cell(both, ["2021M04", "3F-A", "I alt"], "personer") == .count(34))
    }

    @Test("TV-40 Bilag 1 table 2: UP → Behov for tidlig indsats, ND → Øvrige, FA → Forsøgsperiode afsluttet")
    func tv40() throws {
        let t = tables("2021-11", [
            ([forsoeg("u", "03", "751", "2021-08-02", "2021-11-10", "UP")], [], []),
            ([forsoeg("n", "03", "751", "2021-08-02", "2021-11-11", "ND")], [], []),
            ([forsoeg("f", "03", "751", "2021-08-02", "2021-11-12", "FA")], [], []),
        ]).bilag1Ended()
        #expect(try cell(t, ["Aarhus", "Dansk Metal-A", "Behov for tidlig indsats"], "antal") == .count(1))
        #expect(try cell(t, ["Aarhus", "Dansk Metal-A", "Øvrige"], "antal") == .count(1))
        #expect(try cell(t, ["Aarhus", "Dansk Metal-A", "Forsøgsperiode afsluttet"], "antal") == .count(1))
        #expect(try cell(t, ["Aarhus", "Dansk Metal-A", "I alt"], "antal") == .count(3))
        #expect(try published(t, ["Aarhus", "Dansk Metal-A", "I alt"], "antal") == "3")
    }

    @Test("TV-43 Måling 2.1 mean 2.0 and buckets 3+/1; 2.2 share(2021-10) 50 %; Bilag 2 Ja 1 / Nej 1")
    func tv43() throws {
        let t = tables("2021-10", [
            ([forsoeg("X", "07", "101", "2021-07-01", "2021-10-15", "FA")], [line("2021-07-05"), line("2021-08-05", .fjob), line("2021-09-05", .cv)], []),
            ([forsoeg("Y", "07", "101", "2021-07-01", "2021-10-20", "FA")], [line("2021-08-10", individuel: false)], []),
        ])
        #expect(try exact(t.m2_1Average(), ["2021M10", "MA-A"], "gennemsnit") == "2,00")
        #expect(try exact(t.m2_1Average(), ["I alt", "I alt"], "gennemsnit") == "2,00")
        #expect(try published(t.m2_1Average(), ["I alt", "I alt"], "gennemsnit") == "*")
        #expect(try cell(t.m2_1(), ["2021M10", "MA-A", "3+"], "antal") == .count(1))
        #expect(try cell(t.m2_1(), ["2021M10", "MA-A", "1"], "antal") == .count(1))
        #expect(try exact(t.m2_1(), ["2021M10", "MA-A", "3+"], "andel") == "50,00")
        #expect(try cell(t.m2_1(), ["2021M10", "MA-A", "0"], "antal") == .count(0))
        #expect(try exact(t.m2_2(), ["2021M10", "MA-A"], "andel") == "50,00")
        #expect(try cell(t.bilag2(), ["København", "MA-A", "Ja"], "antal") == .count(1))
        #expect(try cell(t.bilag2(), ["København", "MA-A", "Nej"], "antal") == .count(1))
        #expect(try cell(t.bilag3(), ["3b", "2021M10", "MA-A"], "i_alt") == .count(2))
    }

    @Test("TV-41/TV-42 Måling 4.1/4.2 tables: one Forsøg period in 2022K1, weeks and status as shares of the cohort")
    func tema4() throws {
        let p = ExperimentVectorsFixture.cohortPerson()
        let facts = ExperimentFactsCalculator.facts(for: p, month: YearMonth("2023-01")!)
        let t = MonitoringTables(month: YearMonth("2023-01")!, persons: [facts])
        let w = t.m4_1(), s = t.m4_2()
        #expect(w.rows.count == 2 * 27)
        #expect(try cell(w, ["2022K1", "Forsøg", "16"], "kohorte") == .count(1))
        #expect(try exact(w, ["2022K1", "Forsøg", "16"], "andel_paa_dagpenge") == "100,00")
        #expect(try exact(w, ["2022K1", "Forsøg", "8"], "andel_paa_dagpenge") == "0,00")
        #expect(try published(w, ["2022K1", "Forsøg", "8"], "andel_paa_dagpenge") == "*")
        #expect(try published(w, ["2022K1", "Ikke-forsøg", "0"], "andel_paa_dagpenge") == ".")
        #expect(try exact(s, ["2022K1", "Forsøg", "Øvrige"], "andel") == "100,00")
        #expect(s.rows.map { $0[2] } == ["Beskæftigelse", "Dagpenge", "Anden offentlig forsørgelse", "Øvrige",
                                          "Beskæftigelse", "Dagpenge", "Anden offentlig forsørgelse", "Øvrige"].map { .label($0) })
    }

    @Test("Grid: every month 2020M09..M and I alt × 9 a-kasser and I alt, in order, zeros included")
    func grid() {
        let t = tables("2021-02", [])
        let m11 = t.m1_1()
        #expect(m11.rows.count == 7 * 10)
        #expect(m11.rows.first == [.label("2020M09"), .label("3F-A"), .count(0), .share(nil, basis: 0)])
        #expect(m11.rows.last?.prefix(2) == [.label("I alt"), .label("I alt")])
        #expect(m11.rows.prefix(10).map { $0[1] } == ["3F-A", "BUPL-A", "Dansk Metal-A", "FOA-A", "FTF-A", "HK-A", "MA-A", "Min-A", "SL-A", "I alt"].map { .label($0) })
        #expect(t.m1_3().rows.count == 6 * 10)
        #expect(t.m1_2().rows.count == 7 * 10 * 7)
        #expect(t.status().rows.count == 10)
        #expect(t.bilag3().rows.count == (4 + 1) * 10 + (6 + 1) * 10)
    }
}

/// The TV-41/42 person (same as DomainTests' ExperimentVectors.cohortPerson).
enum ExperimentVectorsFixture {
    static func cohortPerson() -> PersonHistory {
        func rec(_ a: String, _ b: String, _ timer: Int64) -> FleurRecord {
            FleurRecord(akasse: "03", periodeFra: d(a), periodeTil: d(b), ydelsestype: 1, timer: timer, kommune: "751")
        }
        return PersonHistory(pnr: 1, birthDate: d("1980-01-01"),
                             dagpengeperioder: [DagpengePeriodeRow(periodeId: "P1", foersteDag: d("2022-01-10"), sidsteDag: nil, forsikring: .fullTime)],
                             fleur: [rec("2022-01-10", "2022-01-31", 10000), rec("2022-02-01", "2022-02-28", 16033),
                                     rec("2022-03-01", "2022-03-06", 2900), rec("2022-05-02", "2022-05-29", 14500)],
                             bopael: [BopaelRow(kommune: "751", fra: d("2000-01-01"), til: nil)],
                             forsoeg: [ForsoegRow(forloebId: "F1", akasse: "03", kommune: "751", visitationsdato: d("2022-01-12"))])
    }
}
