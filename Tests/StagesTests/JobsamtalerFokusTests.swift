import ColumnStore
import Domain
import Foundation
import Pipeline
import Publishing
import Stages
import Testing

/// FOCUS-1..3 and CONV-3: the `jobsamtaler_fokus_maaneder` stage computes the 11 earlier months
/// from the extracts of the run for M (the rows of the deliveries up to m), `jobsamtaler_fokus`
/// adds M and the means. Proof: twelve separate runs,
/// one per month m (deliveries up to m only), give the same monthly Måling 2/3 per kommune and the
/// same focus means.
@Suite struct JobsamtalerFokusTests {
    static let month = "2022-03"

    /// The stages a separate run needs for `measures/jobsamtaler.csv` (no fokus, no Part B).
    static let reducedPipeline: String = {
        let sources = ["person", "taeller", "fleur", "ky", "ksd", "fravaer", "maalgruppe", "bopael", "samtale", "tilbud", "tilmelding"]
        var toml = ""
        for s in sources {
            toml += "[[stage]]\nname = \"extract_\(s)\"\nkind = \"extract\"\ninputs = []\n[stage.parameters]\nsource = \"\(s)\"\n\n"
        }
        toml += "[[stage]]\nname = \"normalise\"\nkind = \"normalise\"\ninputs = [\(sources.map { "\"extract_\($0)\"" }.joined(separator: ", "))]\n\n"
        toml += "[[stage]]\nname = \"spells\"\nkind = \"spells\"\ninputs = [\"normalise\"]\n\n"
        toml += "[[stage]]\nname = \"durations\"\nkind = \"durations\"\ninputs = [\"normalise\"]\n\n"
        toml += "[[stage]]\nname = \"jobsamtaler\"\nkind = \"jobsamtaler\"\ninputs = [\"durations\"]\n"
        return toml
    }()

    /// A separate run for month m: its `measures/jobsamtaler.csv` cells (kommune, I alt, 12+).
    static func separateRun(_ m: YearMonth, pipeline: URL, out: URL) throws -> [String: (personer: Int, faerre: Int)] {
        let options = RunOptions(dataDirectory: Repo.sampleData, outputDirectory: out, month: m, only: nil, from: nil,
                                 force: false, acceptPartial: false, progress: .silent, logger: quietLogger)
        let runner = Runner(definition: try PipelineDefinition.load(url: pipeline, registry: StageCatalog.registry()),
                            registry: StageCatalog.registry(), codec: ArrowCheckpointCodec(), options: options)
        let report = try runner.run()
        let csv = try CSVTable.parse(String(contentsOf: report.runDirectory.appendingPathComponent("measures/jobsamtaler.csv"), encoding: .utf8))
        let k = try csv.column("kommune"), g = try csv.column("ydelsesgruppe"), v = try csv.column("varighed")
        let p = try csv.column("personer"), f = try csv.column("faerre_end_4")
        var out: [String: (Int, Int)] = [:]
        for r in csv.rows where r[g] == "I alt" && r[v] == "12 måneder og derover" { out[r[k]] = (Int(r[p])!, Int(r[f])!) }
        return out
    }

    @Test("FOCUS-1/CONV-3 the 11 earlier months computed from the extracts of M equal twelve separate runs")
    func equalsSeparateRuns() async throws {
        let run = try await sampleRun(Self.month)
        let fokus = try run.table("jobsamtaler_fokus", "fokus_maaneder")
        let dir = try makeTempDirectory("fokus-separate")
        let pipeline = dir.appendingPathComponent("reduced.toml")
        try Self.reducedPipeline.write(to: pipeline, atomically: true, encoding: .utf8)
        let m = ym(Self.month)
        let months = (0..<12).map { m.advanced(by: $0 - 11) }
        let separate = try await onThread { try months.map { try Self.separateRun($0, pipeline: pipeline, out: dir.appendingPathComponent("out")) } }

        // The stage's monthly cells, by (month label, kommune).
        let km = fokus.column("kommune"), mm = fokus.column("maaned"), pm = fokus.column("personer"), fm = fokus.column("faerre_end_4")
        var stage: [String: (Int, Int)] = [:]
        for i in 0..<fokus.rowCount where !pm.isNull(i) {
            stage[mm.text(at: i)! + "|" + km.text(at: i)!] = (Int(pm.int32Values[i]), Int(fm.int32Values[i]))
        }
        var expectedCells = 0
        for (i, mo) in months.enumerated() {
            let label = "\(mo.year)M" + (mo.month < 10 ? "0" : "") + "\(mo.month)"
            for (k, c) in separate[i] {
                let s = stage[label + "|" + k]
                #expect(s?.0 == c.personer && s?.1 == c.faerre, "\(label) kommune \(k): stage \(String(describing: s)), separate run \(c)")
                expectedCells += 1
            }
        }
        #expect(stage.count == expectedCells, "the stage has cells no separate run has")
        #expect(separate.allSatisfy { !$0.isEmpty })

        // The focus means from the separate runs, formatted as the CSV does.
        let csv = try CSVTable.parse(String(contentsOf: run.runDirectory.appendingPathComponent("measures/jobsamtaler_fokus.csv"), encoding: .utf8))
        #expect(csv.header == ["periode", "kommune", "ydelsesgruppe", "andel_faerre_end_4_gns"])
        #expect(try Data(contentsOf: run.runDirectory.appendingPathComponent("published/jobsamtaler_fokus.csv")) == csv.data)
        let kommuner = Set(separate.flatMap(\.keys))
        #expect(csv.rows.map { $0[1] } == kommuner.filter { $0 != "I alt" }.sorted() + ["I alt"])
        var defined = 0
        for r in csv.rows {
            #expect(r[0] == "2021M04-2022M03" && r[2] == "I alt")
            let shares: [Double?] = separate.map { s in s[r[1]].flatMap { $0.personer > 0 ? Double($0.faerre) / Double($0.personer) : nil } }
            let mean = shares.contains { $0 == nil } ? nil : shares.reduce(0) { $0 + $1! } / 12
            #expect(r[3] == (mean.map { DanishNumber.percent($0, decimals: 2) } ?? ""), "kommune \(r[1])")
            if mean != nil { defined += 1 }
        }
        // The national row is defined (every month has persons at 12+), so the check is not vacuous.
        #expect(csv.rows.last?[3].isEmpty == false && defined >= 1)
    }
}

/// The focus months kept in `OUT/.cache/fokus`: a nightly run takes the 11 earlier months from
/// the runs before it, a changed delivery invalidates exactly the months that saw it, and the
/// published file is byte for byte that of a cold run.
@Suite struct JobsamtalerFokusCacheTests {
    static func fokus(_ report: RunReport) throws -> Data {
        try Data(contentsOf: report.runDirectory.appendingPathComponent("published/jobsamtaler_fokus.csv"))
    }

    static func cached(_ report: RunReport) -> Int? {
        report.stages.first { $0.name == "jobsamtaler_fokus_maaneder" }?.counters["fokus_maaneder_cached"]
    }

    @Test("FOCUS-1 nightly: the 11 earlier months come from the cache; a changed delivery of 2023-03 recomputes 2023-03..05 only; outputs equal cold runs")
    func nightlyFromCache() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "fokus-cache")
        let out = try makeTempDirectory("fokus-nightly")
        _ = try await runPipeline(data: data, out: out, month: ym("2023-05"))
        let nightly = try await runPipeline(data: data, out: out, month: ym("2023-06"))
        #expect(Self.cached(nightly) == JobsamtaleFocus.months - 1)
        let cold = try await runPipeline(data: data, out: try makeTempDirectory("fokus-cold"), month: ym("2023-06"))
        #expect(Self.cached(cold) == 0)
        #expect(try Self.fokus(nightly) == Self.fokus(cold))

        // A corrected delivery of 2023-03: a KH payment for a new person in Aarhus.
        try RunnerBehaviourTests.appendKyLine(data.appendingPathComponent("ky/ky_202303.csv.gz"),
                                              "9999999996;KH;;2023-03-01;2023-03-31;751;N")
        let changed = try await runPipeline(data: data, out: out, month: ym("2023-06"))
        #expect(Self.cached(changed) == JobsamtaleFocus.months - 1 - 3)   // 2023-03, -04, -05 measured again
        let changedCold = try await runPipeline(data: data, out: try makeTempDirectory("fokus-cold2"), month: ym("2023-06"))
        #expect(try Self.fokus(changed) == Self.fokus(changedCold))
    }
}
