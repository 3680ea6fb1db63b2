import ColumnStore
import Foundation
import Pipeline
import Publishing
import Testing

/// The `jobsamtaler` stage on the sample months: properties of `measures/jobsamtaler.csv`
/// against the `maalte` checkpoint (MEAS-1..5, KOM-3, POP-7, EXEMPT-7), and the runner
/// rebuilding a deleted measure file.
@Suite struct JobsamtalerStageTests {
    static let months = GoldenTests.months

    static func measures(_ run: SampleRun, _ dir: String = "measures") throws -> CSVTable {
        let url = run.runDirectory.appendingPathComponent("\(dir)/jobsamtaler.csv")
        return try CSVTable.parse(String(contentsOf: url, encoding: .utf8))
    }

    /// The rows of the measure as dictionaries column → text.
    static func records(_ t: CSVTable) -> [[String: String]] {
        t.rows.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0)) }
    }

    static func int(_ r: [String: String], _ k: String) throws -> Int { try #require(Int(r[k] ?? ""), "\(k) = \(r[k] ?? "nil")") }

    @Test("OUTPUTS.md header; published/ equals measures/ (MEAS-6)", arguments: months)
    func headerAndPublished(_ month: String) async throws {
        let run = try await sampleRun(month)
        let m = try Self.measures(run)
        #expect(m.header == ["maaned", "kommune", "ydelsesgruppe", "varighed", "samtaler_0", "samtaler_1", "samtaler_2",
                             "samtaler_3", "samtaler_4", "samtaler_5plus", "personer", "faerre_end_4", "andel_faerre_end_4", "fritagne"])
        #expect(try Self.measures(run, "published") == m)
        #expect(!m.rows.isEmpty)
        #expect(m.rows.allSatisfy { $0[0] == ym(month).compact.prefix(4) + "M" + ym(month).compact.suffix(2) })
        // No pnr in published/: no 10-digit field.
        #expect(!m.rows.joined().contains { $0.count == 10 && $0.allSatisfy(\.isNumber) })
    }

    @Test("EXEMPT-8 every durations row is measured, exempt, or removed by POP-5/POP-6", arguments: months)
    func accountsForDurations(_ month: String) async throws {
        let run = try await sampleRun(month)
        // The person pass (durations) measures; jobsamtaler publishes the same rows.
        let pass = try #require(run.report.stage("durations")?.counters)
        let c = try #require(run.report.stage("jobsamtaler")?.counters)
        let varighed = try run.table("durations", "varighed").rowCount
        let maalte = try run.table("jobsamtaler", "maalte")
        #expect(pass["varighed_mismatch"] == 0)
        #expect(maalte.rowCount + pass["pop5_fravaer"]! + pass["pop6_kode91"]! == varighed)
        #expect(c["maalte"]! + c["fritagne"]! == maalte.rowCount)
        #expect(c["maalte"] == pass["maalte"] && c["fritagne"] == pass["fritagne"])
        // jobsamtaler's checkpoint is the pass's table, value for value.
        let own = try run.table("durations", "maalte")
        #expect(own.schema == maalte.schema && own.rowCount == maalte.rowCount)
        for (a, b) in zip(own.columns, maalte.columns) { #expect(a.digest == b.digest, "maalte.\(a.name)") }
    }

    @Test("MEAS-2 = Σ MEAS-1 buckets, MEAS-3 <= MEAS-2, MEAS-4 = MEAS-3/MEAS-2 with 2 decimals, every row has a person", arguments: months)
    func measureIdentities(_ month: String) async throws {
        for r in Self.records(try Self.measures(try await sampleRun(month))) {
            let buckets = try ["samtaler_0", "samtaler_1", "samtaler_2", "samtaler_3", "samtaler_4", "samtaler_5plus"].map { try Self.int(r, $0) }
            let personer = try Self.int(r, "personer"), faerre = try Self.int(r, "faerre_end_4"), fritagne = try Self.int(r, "fritagne")
            #expect(personer == buckets.reduce(0, +))
            #expect(faerre == buckets[0...3].reduce(0, +) && faerre <= personer)
            #expect(personer + fritagne > 0)
            if personer == 0 {
                #expect(r["andel_faerre_end_4"] == "")
            } else {
                #expect(r["andel_faerre_end_4"] == DanishNumber.percent(Double(faerre) / Double(personer), decimals: 2))
            }
        }
    }

    @Test("KOM-3/POP-7 the I alt cells equal the sums over kommuner plus unknown, and over the maalte rows", arguments: months)
    func totals(_ month: String) async throws {
        let run = try await sampleRun(month)
        let recs = Self.records(try Self.measures(run))
        let maalte = try run.table("jobsamtaler", "maalte")
        let kommune = maalte.column("kommune"), gruppe = maalte.column("ydelsesgruppe"), exempt = maalte.column("fritaget").boolValues
        let alle = maalte.column("alle_grupper").boolValues, talks = maalte.column("samtaler")
        // Per group, varighed I alt: kommune I alt = Σ kommuner + persons with unknown kommune.
        var byGroup: [String: (personer: Int, fritagne: Int, unknown: Int)] = [:]
        for i in 0..<maalte.rowCount {
            let g = gruppe.text(at: i)!
            var e = byGroup[g] ?? (0, 0, 0)
            if exempt[i] { e.fritagne += 1 } else { e.personer += 1 }
            if kommune.isNull(i) { e.unknown += 1 }
            byGroup[g] = e
            // EXEMPT-7: an exempt person has no talk count; a measured one has one.
            #expect(talks.isNull(i) == exempt[i])
        }
        for (g, e) in byGroup {
            let cells = recs.filter { $0["ydelsesgruppe"] == g && $0["varighed"] == "I alt" }
            let total = try #require(cells.first { $0["kommune"] == "I alt" })
            #expect(try Self.int(total, "personer") == e.personer && Self.int(total, "fritagne") == e.fritagne)
            let perKommune = cells.filter { $0["kommune"] != "I alt" }
            let sum = try perKommune.reduce(0) { $0 + (try Self.int($1, "personer")) + (try Self.int($1, "fritagne")) }
            #expect(sum + e.unknown == e.personer + e.fritagne)
        }
        // POP-7: every person once in all groups.
        let pnr = maalte.column("pnr")
        var flagged: [String: Int] = [:]
        var persons = Set<String>()
        for i in 0..<maalte.rowCount {
            persons.insert(pnr.text(at: i)!)
            if alle[i] { flagged[pnr.text(at: i)!, default: 0] += 1 }
        }
        #expect(flagged.count == persons.count && flagged.values.allSatisfy { $0 == 1 })
        let all = try #require(recs.first { $0["kommune"] == "I alt" && $0["ydelsesgruppe"] == "I alt" && $0["varighed"] == "I alt" })
        #expect(try Self.int(all, "personer") + Self.int(all, "fritagne") == persons.count)
    }

    @Test("INT-2 the Skema 1 labels of a cell add up: monthly labels = summaries = year bands + Under 12 = I alt", arguments: months)
    func labelSums(_ month: String) async throws {
        let recs = Self.records(try Self.measures(try await sampleRun(month)))
        let monthly = ["Under 1 måned", "1 måned"] + (2...11).map { "\($0) måneder" } + ["12 måneder og derover"]
        let bands = ["1 – 2 år", "3 – 5 år", "6 – 9 år", "10 + år"]
        var cells: [String: [String: Int]] = [:]
        for r in recs {
            let key = r["kommune"]! + "|" + r["ydelsesgruppe"]!
            cells[key, default: [:]][r["varighed"]!] = try Self.int(r, "personer") + Self.int(r, "fritagne")
        }
        for (key, c) in cells {
            let total = c["I alt"] ?? 0
            #expect(monthly.reduce(0) { $0 + (c[$1] ?? 0) } == total, "\(key)")
            #expect((c["Under 12 måneder"] ?? 0) + (c["12 måneder og derover"] ?? 0) == total, "\(key)")
            #expect(bands.reduce(0) { $0 + (c[$1] ?? 0) } == c["12 måneder og derover"] ?? 0, "\(key)")
        }
    }

    @Test("rows sorted: kommune by code (I alt last), groups in OUTPUTS.md order, Skema 1 order", arguments: ["2023-06"])
    func order(_ month: String) async throws {
        let recs = Self.records(try Self.measures(try await sampleRun(month)))
        let groups = ["A-dagpenge", "Sygedagpenge", "Kontanthjælp", "Kontanthjælp, mindste sats", "Kontanthjælp, grundsats",
                      "Kontanthjælp, højeste sats", "Uddannelseshjælp", "Overgangsydelse", "Revalidering", "Ressourceforløb",
                      "Jobafklaring", "Ledighedsydelse", "I alt"]
        let varighed = ["Under 12 måneder", "Under 1 måned", "1 måned"] + (2...11).map { "\($0) måneder" }
            + ["12 måneder og derover", "1 – 2 år", "3 – 5 år", "6 – 9 år", "10 + år", "I alt"]
        func key(_ r: [String: String]) -> [Int] {
            let k = r["kommune"]!
            return [k == "I alt" ? 1000 : Int(k)!, groups.firstIndex(of: r["ydelsesgruppe"]!)!, varighed.firstIndex(of: r["varighed"]!)!]
        }
        let keys = recs.map(key)
        for i in 1..<keys.count { #expect(keys[i - 1].lexicographicallyPrecedes(keys[i]), "row \(i + 1) out of order") }
    }

    @Test("file outputs: a deleted measures/jobsamtaler.csv is rebuilt by the next run; the other stages stay up to date")
    func deletedMeasureIsRebuilt() async throws {
        let out = try makeTempDirectory("jobsamtaler-files")
        let m = ym("2020-10")
        let first = try await runPipeline(data: Repo.sampleData, out: out, month: m)
        let file = first.runDirectory.appendingPathComponent("measures/jobsamtaler.csv")
        let before = try Data(contentsOf: file)
        try FileManager.default.removeItem(at: file)
        let second = try await runPipeline(data: Repo.sampleData, out: out, month: m)
        #expect(second.stages(.ran) == ["jobsamtaler"])
        #expect(try Data(contentsOf: file) == before)
        // A changed file is rebuilt too.
        try Data("x".utf8).write(to: file)
        let third = try await runPipeline(data: Repo.sampleData, out: out, month: m)
        #expect(third.stages(.ran) == ["jobsamtaler"])
        #expect(try Data(contentsOf: file) == before)
    }
}
