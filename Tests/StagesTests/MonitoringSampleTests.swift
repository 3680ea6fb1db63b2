import ColumnStore
import Foundation
import Publishing
import Testing

/// The experiment monitoring (stage `forsoegsmaaling`) on `sample-data/`: forløb traced by hand
/// from the deliveries, and properties of the measures/ and published/ files.
@Suite struct MonitoringSampleTests {
    static let months = ["2022-03", "2023-06"]

    static func forloeb(_ month: String, _ pnr: String) async throws -> [[String: String]] {
        records(try await sampleRun(month).table("forsoegsmaaling", "forloeb"), pnr: pnr)
    }

    /// A measures/ or published/ file of a sample run.
    static func csv(_ month: String, _ folder: String, _ name: String) async throws -> CSVTable {
        let url = try await sampleRun(month).runDirectory.appendingPathComponent(folder).appendingPathComponent(name)
        return try CSVTable.parse(String(contentsOf: url, encoding: .utf8))
    }

    /// Rows of `t` as dictionaries.
    static func dicts(_ t: CSVTable) -> [[String: String]] { t.rows.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0)) } }

    // MARK: hand-traced forløb

    @Test("hand-traced FSG-0.5..0.7: F0536896103-1 (FOA-A, 316) 4 unique, 3 individual, Ja")
    func foaForloeb() async throws {
        // forsoeg_202110: 0536896103;F0536896103-1;04;316;2021-10-30;;;H
        // forsoeg_202201: same forløb, afslutningsdato 2022-01-18, FA (the later version replaces it).
        // samtale lines in 2021-10-30..2022-01-18 (FSG-0.5: AK, or FJOB):
        //   2021-11-04 JOB AK J                     → date 1, individual jobsamtale 1
        //   2021-11-18 JOB JC N                     → jobcenter: not an experiment line
        //   2021-11-19 JOB AK J + RAAD AK           → date 2 (JOB + RAAD once, FSG-0.6), individual 2
        //   2021-12-06 JOB AK J + RAAD AK (digital) → date 3, individual 3
        //   2021-12-10 JOB JC, 2021-12-28 JOB AA, 2022-01-04 JOB JC → not experiment lines
        //   2022-01-05 JOB AK N (group)             → date 4, not individual (FSG-0.7)
        // Earlier: 2020-08-12 JOB AK lies before any forløb (notice period) → not counted.
        // → unique 4, individual jobsamtaler 3 >= 2 → fokus Ja (FSG-2.2).
        let r = try await Self.forloeb("2022-03", "0536896103")
        try #require(r.count == 1)
        #expect(r[0]["forloeb_id"] == "F0536896103-1" && r[0]["akasse"] == "04" && r[0]["kommune"] == "316")
        #expect(r[0]["visitationsdato"] == "2021-10-30" && r[0]["afslutningsdato"] == "2022-01-18" && r[0]["aarsag"] == "FA")
        #expect(r[0]["unikke_samtaler"] == "4" && r[0]["individuelle_jobsamtaler"] == "3" && r[0]["fokus_ja"] == "true")
    }

    @Test("hand-traced two forløb of 2169605846 (HK-A, Aarhus): 4 + 4 unique, both Ja; as known in 2022-03")
    func twoForloeb() async throws {
        // forsoeg: F2169605846-1 06;751 2020-10-10..2020-12-29 FA (delivered 202010 open, 202101 ended);
        //          F2169605846-2 06;751 2021-07-22..2021-10-14 FA (202107 open, 202110 ended).
        // F-1 lines: 2020-10-12 JOB AK J, 2020-10-27 JOB AK J (+ JOB JC same day), 2020-11-23 JOB AK J,
        //   2020-12-23 JOB AK J → 4 unique, 4 individual.
        // 2021-01-04, 01-25, 03-01 JOB JC: jobcenter, and outside both forløb.
        // F-2 lines: 2021-07-27 JOB AK, 2021-08-20 JOB AK, 2021-09-03 JOB AK, 2021-09-27 JOB AK + RAAD AK
        //   → 4 unique, 4 individual; 2021-08-30 JOB JC and 2021-10-27 JOB AA do not count.
        let r = try await Self.forloeb("2022-03", "2169605846")
        #expect(r.map { $0["forloeb_id"]! } == ["F2169605846-1", "F2169605846-2"])
        #expect(r.map { $0["unikke_samtaler"]! } == ["4", "4"])
        #expect(r.map { $0["individuelle_jobsamtaler"]! } == ["4", "4"])
        #expect(r.map { $0["afslutningsdato"]! } == ["2020-12-29", "2021-10-14"])
        #expect(r.allSatisfy { $0["aarsag"] == "FA" && $0["fokus_ja"] == "true" })
    }

    @Test("hand-traced as known at M: in 2020-10 F2169605846-1 is open with 2 unique conversations so far")
    func knownAtM() async throws {
        // Run 2020-10: the 202101 delivery (afslutningsdato) is not read; lines up to 2020-10-31:
        //   2020-10-12 and 2020-10-27 JOB AK J → 2 unique, 2 individual; open, no aarsag.
        let r = try await Self.forloeb("2020-10", "2169605846")
        try #require(r.count == 1)
        #expect(r[0]["afslutningsdato"] == "" && r[0]["aarsag"] == "")
        #expect(r[0]["unikke_samtaler"] == "2" && r[0]["individuelle_jobsamtaler"] == "2")
    }

    // MARK: properties

    @Test("property: Måling 1.1, 1.2, 2.1 and 2.3 `I alt` a-kasse = the sum of the nine a-kasser", arguments: months)
    func totalsAreSums(_ month: String) async throws {
        for (name, value, keys) in [("m1_1_paabegyndte.csv", "antal", ["maaned"]), ("m1_2_afsluttede.csv", "antal", ["maaned", "aarsag"]),
                                    ("m2_1_samtaler_per_deltager.csv", "antal", ["maaned", "samtaler"]),
                                    ("m2_3_samtaler.csv", "antal", ["maaned", "samtaletype"])] {
            let rows = Self.dicts(try await Self.csv(month, "measures", name))
            var sums: [[String]: Int] = [:], totals: [[String]: Int] = [:]
            for r in rows {
                let k = keys.map { r[$0]! }, n = Int(r[value]!)!
                if r["akasse"] == "I alt" { totals[k] = n } else { sums[k, default: 0] += n }
            }
            #expect(!totals.isEmpty && totals.count == sums.count, "\(name)")
            #expect(totals == sums, "\(name)")
        }
    }

    @Test("property: Bilag totals equal the Måling totals of the same month", arguments: months)
    func bilagMatchesMaaling(_ month: String) async throws {
        let m = YearMonth(month)!.label
        func value(_ name: String, _ key: [String: String], _ column: String) async throws -> Int {
            let hits = Self.dicts(try await Self.csv(month, "measures", name)).filter { r in key.allSatisfy { r[$0.key] == $0.value } }
            try #require(hits.count == 1, "\(name) \(key): \(hits.count) rows")
            return Int(hits[0][column]!)!
        }
        let started = try await value("m1_1_paabegyndte.csv", ["maaned": m, "akasse": "I alt"], "antal")
        #expect(try await value("bilag1_paabegyndte.csv", ["kommune": "I alt", "akasse": "I alt"], "antal") == started)
        #expect(try await value("status.csv", ["akasse": "I alt"], "paabegyndte") == started)
        for a in ["3F-A", "FOA-A", "HK-A"] {
            #expect(try await value("bilag1_paabegyndte.csv", ["kommune": "I alt", "akasse": a], "antal")
                    == (try await value("m1_1_paabegyndte.csv", ["maaned": m, "akasse": a], "antal")))
        }
        let ended = try await value("m1_2_afsluttede.csv", ["maaned": m, "akasse": "I alt", "aarsag": "I alt"], "antal")
        #expect(try await value("bilag1_afsluttede.csv", ["kommune": "I alt", "akasse": "I alt", "aarsagsgruppe": "I alt"], "antal") == ended)
        let fa = try await value("m1_2_afsluttede.csv", ["maaned": m, "akasse": "I alt", "aarsag": "Forsøgsperiode afsluttet"], "antal")
        #expect(try await value("bilag1_afsluttede.csv", ["kommune": "I alt", "akasse": "I alt", "aarsagsgruppe": "Forsøgsperiode afsluttet"], "antal") == fa)
        #expect(try await value("bilag3_fokus.csv", ["tabel": "3b", "maaned": m, "akasse": "I alt"], "i_alt") == fa)
        // Bilag 2 and 3b cover 2020M09..M: their totals are the FA forløb of Måling 1.2 / 2.1 for the period.
        let faAll = try await value("m1_2_afsluttede.csv", ["maaned": "I alt", "akasse": "I alt", "aarsag": "Forsøgsperiode afsluttet"], "antal")
        #expect(try await value("bilag2_fokus.csv", ["kommune": "I alt", "akasse": "I alt", "svar": "I alt"], "antal") == faAll)
        #expect(try await value("bilag3_fokus.csv", ["tabel": "3b", "maaned": "I alt", "akasse": "I alt"], "i_alt") == faAll)
        let ja3a = try await value("bilag3_fokus.csv", ["tabel": "3a", "maaned": "I alt", "akasse": "I alt"], "ja")
        #expect(try await value("m2_2_fokusmaal.csv", ["maaned": "Gennemsnit", "akasse": "I alt"], "ja") == ja3a)
        #expect(try await value("bilag2_fokus.csv", ["kommune": "I alt", "akasse": "I alt", "svar": "Ja"], "antal")
                == (try await value("bilag3_fokus.csv", ["tabel": "3b", "maaned": "I alt", "akasse": "I alt"], "ja")))
        #expect(faAll > 0 && started > 0)
    }

    @Test("property: no pnr (10-digit number) in any file under published/; kvalitet only in measures/", arguments: months)
    func noPnrPublished(_ month: String) async throws {
        let run = try await sampleRun(month)
        let dir = run.runDirectory.appendingPathComponent("published")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files.count == 16 && !files.contains("kvalitet_forsoegsperiode.csv"))
        let pnr = try Regex("[0-9]{10}")
        let pnrs = try run.table("forsoegsmaaling", "forloeb").column("pnr")
        let known = Set((0..<pnrs.count).compactMap { pnrs.text(at: $0) })
        #expect(!known.isEmpty)
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            #expect(text.firstMatch(of: pnr) == nil, "\(f) holds a 10-digit number")
            #expect(!known.contains { text.contains($0) }, "\(f) holds a pnr")
        }
        let measures = try FileManager.default.contentsOfDirectory(atPath: run.runDirectory.appendingPathComponent("measures").path)
        #expect(measures.contains("kvalitet_forsoegsperiode.csv"))
    }

    @Test("property: published/ has the same rows and labels as measures/, counts discretised", arguments: months)
    func publishedMirrorsMeasures(_ month: String) async throws {
        let run = try await sampleRun(month)
        let files = try FileManager.default.contentsOfDirectory(atPath: run.runDirectory.appendingPathComponent("published").path)
        for f in files {
            let e = try await Self.csv(month, "measures", f), p = try await Self.csv(month, "published", f)
            #expect(e.header == p.header && e.rows.count == p.rows.count, "\(f)")
            for (x, y) in zip(e.rows, p.rows) {
                for (i, (a, b)) in zip(x, y).enumerated() {
                    let column = e.header[i]
                    if let n = Int(a), !column.hasPrefix("andel"), !["gennemsnit", "uge", "samtaler"].contains(column) {
                        // A count: DISC-1 / DISC-2.
                        if n >= 3 { #expect(b == DanishNumber.integer(n), "\(f) \(x)") }
                        if n == 1 || n == 2 { #expect(b == "*", "\(f) \(x)") }
                        if n == 0 { #expect(["0", "*", "."].contains(b), "\(f) \(x)") }
                    } else if Int(a) == nil, !a.contains(","), !a.isEmpty {
                        #expect(a == b, "\(f): label \(a) became \(b)")
                    }
                }
            }
        }
    }

    @Test("property: every a-kasse's figures filtered from the tables (one report per a-kasse): 1.1 shares sum to 100 per month", arguments: months)
    func sharesSum(_ month: String) async throws {
        var byMonth: [String: Double] = [:]
        for r in Self.dicts(try await Self.csv(month, "measures", "m1_1_paabegyndte.csv")) where r["akasse"] != "I alt" && !r["andel"]!.isEmpty {
            byMonth[r["maaned"]!, default: 0] += Double(r["andel"]!.replacingOccurrences(of: ",", with: "."))!
        }
        #expect(!byMonth.isEmpty)
        for (m, s) in byMonth { #expect(abs(s - 100) < 0.1, "\(m): \(s)") }
    }
}
