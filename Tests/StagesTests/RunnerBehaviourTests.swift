import ColumnStore
import Foundation
import Pipeline
import Stages
import Testing
import YdelseIO

/// The runner on the real stages and sample data: up-to-date detection, `only` + `force`,
/// and a changed delivery rerunning exactly its extract and everything downstream.
@Suite struct RunnerBehaviourTests {
    static let month = "2020-10"
    static let downstream = ["normalise", "durations", "spells", "forsoegsperiode", "jobsamtaler", "jobsamtaler_fokus_maaneder", "jobsamtaler_fokus", "forsoegsmaaling", "report"]

    /// Modification time (ns) of every checkpoint file, by `stage/table`.
    static func mtimes(_ runDir: URL) throws -> [String: Int] {
        let dir = runDir.appendingPathComponent("checkpoints")
        var out: [String: Int] = [:]
        for stage in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(stage).path) {
                var st = stat()
                #expect(stat(dir.appendingPathComponent("\(stage)/\(f)").path, &st) == 0)
                out["\(stage)/\(f)"] = Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)
            }
        }
        return out
    }

    static func manifest(_ runDir: URL) throws -> RunManifest {
        try #require(try RunManifest.load(from: runDir.appendingPathComponent("run.json")))
    }

    /// Adds one valid line to a `ky` delivery and fixes its trailer, with the project's GzipWriter.
    static func appendKyLine(_ file: URL, _ line: String) throws {
        var lines = try gunzipText(file).split(separator: "\n").map(String.init)
        let last = lines.popLast()
        let trailer = try #require(last)
        let count = try #require(Int(trailer.dropFirst("*EOF*;".count)))
        #expect(trailer.hasPrefix("*EOF*;") && count == lines.count - 1)
        lines.append(line)
        lines.append("*EOF*;\(count + 1)")
        try gzipWrite(lines.joined(separator: "\n") + "\n", to: file)
    }

    /// The monthly pipeline with `checkpoint = "off"` on every extract stage.
    static func pipelineWithoutExtractCheckpoints() throws -> PipelineDefinition {
        var toml = try String(contentsOf: Repo.root.appendingPathComponent("pipelines/monthly.toml"), encoding: .utf8)
        let sources = SourceCatalog.all.map(\.name)
        for s in sources { toml = toml.replacingOccurrences(of: "source = \"\(s)\"\n", with: "source = \"\(s)\"\ncheckpoint = \"off\"\n") }
        #expect(toml.components(separatedBy: "checkpoint = \"off\"").count == sources.count + 1)
        return try PipelineDefinition.parse(toml, registry: StageCatalog.registry())
    }

    @Test("extract stages with checkpoint = off keep no checkpoint (the delivery cache holds their data): --only normalise builds them again from the cache with the same result, and refuses when a delivery changed since")
    func extractTablesRebuiltFromTheCache() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "rebuild")
        let out = try makeTempDirectory("rebuild-out")
        let m = ym(Self.month)
        let definition = try Self.pipelineWithoutExtractCheckpoints()
        func run(only: String? = nil, force: Bool = false) async throws -> RunReport {
            let options = RunOptions(dataDirectory: data, outputDirectory: out, month: m, only: only, from: nil,
                                     force: force, acceptPartial: false, progress: .silent, logger: quietLogger)
            return try await onThread {
                try Runner(definition: definition, registry: StageCatalog.registry(), codec: ArrowCheckpointCodec(), options: options).run()
            }
        }
        let first = try await run()
        let checkpoints = first.runDirectory.appendingPathComponent("checkpoints")
        let folders = try FileManager.default.contentsOfDirectory(atPath: checkpoints.path)
        #expect(!folders.isEmpty && !folders.contains { $0.hasPrefix("extract_") }, "\(folders.sorted())")
        #expect(first.stages.filter { $0.name.hasPrefix("extract_") }.allSatisfy { !$0.rowsOut.isEmpty })
        // The same outputs as the default pipeline's run.
        let reference = try await sampleRun(Self.month)
        for file in ["measures/jobsamtaler.csv", "published/jobsamtaler_fokus.csv", "published/status.csv"] {
            #expect(try Data(contentsOf: first.runDirectory.appendingPathComponent(file))
                    == Data(contentsOf: reference.runDirectory.appendingPathComponent(file)), "\(file)")
        }

        func normalised() throws -> [String: Data] {
            let dir = checkpoints.appendingPathComponent("normalise")
            var out: [String: Data] = [:]
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) { out[f] = try Data(contentsOf: dir.appendingPathComponent(f)) }
            return out
        }
        let before = try normalised()
        let only = try await run(only: "normalise", force: true)
        #expect(only.stages(.ran) == ["normalise"])
        #expect(try normalised() == before)

        // A delivery changed since: its extract's fingerprint no longer matches, so the tables
        // are not built again behind the recorded fingerprint; the stage fails and says why.
        try Self.appendKyLine(data.appendingPathComponent("ky/ky_202003.csv.gz"), "9999999995;KH;;2020-03-02;2020-03-31;101;N")
        do {
            _ = try await run(only: "normalise", force: true)
            Issue.record("--only normalise went ahead on a changed delivery")
        } catch let RunnerError.stageFailed(stage, message, _) {
            #expect(stage == "normalise")
            #expect(message.contains("extract_ky") && message.contains("changed since it ran"), "\(message)")
        }
        // A whole run takes the change in.
        let after = try await run()
        #expect(after.stage("extract_ky")?.rowsOut["ky"] == first.stage("extract_ky")!.rowsOut["ky"]! + 1)
    }

    @Test("second run: up to date, nothing recomputed; only+force; a changed ky delivery reruns extract_ky and downstream only")
    func upToDateOnlyAndChangedDelivery() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "runner")
        let out = try makeTempDirectory("runner-out")
        let m = ym(Self.month)
        let all = try monthlyDefinition().names

        // 1. First run: everything runs.
        let first = try await runPipeline(data: data, out: out, month: m)
        #expect(first.stages(.ran) == all)
        let runDir = first.runDirectory
        let t1 = try Self.mtimes(runDir)
        #expect(t1.count == (try declaredCheckpoints()).count)
        let m1 = try Self.manifest(runDir)

        // 2. Second run: every stage up to date, no file rewritten, records kept.
        let second = try await runPipeline(data: data, out: out, month: m)
        #expect(second.stages(.upToDate) == all, "not up to date: \(second.stages.filter { $0.status != .upToDate }.map { "\($0.name) \($0.status)" })")
        #expect(second.stages(.ran).isEmpty)
        #expect(try Self.mtimes(runDir) == t1, "a checkpoint was rewritten by an up-to-date run")
        let m2 = try Self.manifest(runDir)
        #expect(m2.outcome == "succeeded")
        for name in all {
            let a = try #require(m1[stage: name]), b = try #require(m2[stage: name])
            #expect(b.status == .upToDate, "\(name): run.json status \(b.status)")
            #expect(b.fingerprint == a.fingerprint && b.computedAt == a.computedAt && b.rowsOut == a.rowsOut, "\(name): record changed")
            // The report still gives rows out for stages that did not run.
            #expect(second.stage(name)?.rowsOut == a.rowsOut)
        }

        // 3. only: normalise, force: reruns normalise alone; the others are untouched.
        let only = try await runPipeline(data: data, out: out, month: m, only: "normalise", force: true)
        #expect(only.stages(.ran) == ["normalise"])
        #expect(only.stages(.notRun).count == all.count - 1)
        let t3 = try Self.mtimes(runDir)
        for (file, t) in t1 {
            if file.hasPrefix("normalise/") {
                #expect(t3[file]! > t, "\(file) was not rewritten by --only normalise --force")
            } else {
                #expect(t3[file] == t, "\(file) was rewritten by --only normalise")
            }
        }
        let m3 = try Self.manifest(runDir)
        #expect(m3[stage: "normalise"]?.status == .ran)
        // (computedAt has whole seconds in run.json, so the files' mtimes tell the rerun above.)
        for name in all where name != "normalise" {
            #expect(m3[stage: name] == m2[stage: name], "\(name): record changed by --only normalise")
        }
        // Same inputs, same code: normalise's fingerprint is unchanged, so downstream stays valid.
        #expect(m3[stage: "normalise"]?.fingerprint == m1[stage: "normalise"]?.fingerprint)
        let again = try await runPipeline(data: data, out: out, month: m)
        #expect(again.stages(.upToDate) == all)

        // 4. One ky delivery corrected (a valid line added, trailer adjusted).
        let ky = data.appendingPathComponent("ky/ky_202010.csv.gz")
        try Self.appendKyLine(ky, "9999999997;KH;;2020-10-05;2020-10-20;101;N")
        let t4 = try Self.mtimes(runDir)
        let changed = try await runPipeline(data: data, out: out, month: m)
        #expect(changed.stages(.ran) == ["extract_ky"] + Self.downstream)
        #expect(changed.stages(.upToDate) == all.filter { $0 != "extract_ky" && !Self.downstream.contains($0) })
        #expect(changed.stage("extract_fleur")?.status == .upToDate)
        let t5 = try Self.mtimes(runDir)
        for (file, t) in t4 {
            let stage = String(file.split(separator: "/")[0])
            if stage == "extract_ky" || Self.downstream.contains(stage) {
                #expect(t5[file]! > t, "\(file) was not recomputed after the ky delivery changed")
            } else {
                #expect(t5[file] == t, "\(file) was recomputed although its inputs did not change")
            }
        }
        // The added line is there: one more ky row, and one more spell (a person of their own).
        #expect(changed.stage("extract_ky")?.rowsOut["ky"] == first.stage("extract_ky")!.rowsOut["ky"]! + 1)
        #expect(changed.stage("spells")?.rowsOut["forloeb"] == first.stage("spells")!.rowsOut["forloeb"]! + 1)
        let spells = try ArrowFileReaderTable.read(runDir, "spells", "forloeb")
        let rec = records(spells, pnr: "9999999997")
        #expect(rec.count == 1 && rec.first?["start"] == "2020-10-05" && rec.first?["ydelsesgruppe"] == "Kontanthjælp")
    }
}

import ArrowIPC
enum ArrowFileReaderTable {
    static func read(_ runDir: URL, _ stage: String, _ table: String) throws -> Table {
        try ArrowFileReader.read(from: runDir.appendingPathComponent("checkpoints/\(stage)/\(table).arrow")).table
    }
}
