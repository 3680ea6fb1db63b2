import Foundation
import Testing

/// The run folder under a careful operator's eye: one run at a time, killed runs leave nothing
/// a rerun trusts, a damaged checkpoint is recomputed, run.json is a run record.
@Suite(.serialized) struct RunFolderTests {
    @Test("two runs on one folder: the second exits 1 at once naming the first (pid); the first finishes")
    func lockWithTwoProcesses() async throws {
        let out = try E2E.tempDirectory("lock-out")
        let lockFile = out.appendingPathComponent("202306/.lock")
        // The whole sample (54 months) keeps the first run busy for seconds.
        let first = try Started(try E2E.binary(), ["run", "--data", E2E.sampleData.path, "--month", "2023-06", "--out", out.path, "--jobs", "1"])
        // Poll without suspending (a busy cooperative pool could delay a Task.sleep past the
        // first run's end), then start the second at once.
        let deadline = Date().addingTimeInterval(60)
        while ((try? Data(contentsOf: lockFile))?.isEmpty ?? true) && first.process.isRunning && Date() < deadline {
            usleep(2_000)
        }
        try #require(first.process.isRunning, "the first run ended before the second started; the test proves nothing")
        let secondProcess = try Started(try E2E.binary(), ["run", "--data", E2E.sampleData.path, "--month", "2023-06", "--out", out.path])
        let second = try await secondProcess.wait()
        let firstDone = try await first.wait()
        // Failing with the first's pid proves both overlapped and that the second did not wait
        // (a waiting run would have succeeded after the first).
        #expect(second.status == 1, "\(second)")
        #expect(second.stderr.contains("another run is using this run folder") && second.stderr.contains("pid \(first.pid)"), "\(second)")
        #expect(second.stdout.isEmpty, "the refused run printed a summary: \(second.stdout)")
        #expect(firstDone.status == 0, "\(firstDone)")
        // A clean end empties the holder.
        #expect((try Data(contentsOf: lockFile)).isEmpty)
    }

    @Test("kill -9 at random points, then a rerun: outputs byte-identical to an undisturbed run; a killed run left `running` is recorded as interrupted; no temporary file is left")
    func killNineAndRerun() async throws {
        let data = try E2E.smallData(through: "201912", tag: "kill")
        let args = { (out: URL) in ["run", "--data", data.path, "--month", "2019-12", "--out", out.path] }
        let reference = try E2E.tempDirectory("kill-ref")
        let t0 = Date()
        let ref = try await ydelse(args(reference))
        let duration = Date().timeIntervalSince(t0)
        #expect(ref.status == 0, "\(ref)")
        let expected = try outputFiles(reference.appendingPathComponent("201912"))
        #expect(expected.count > 10)

        let out = try E2E.tempDirectory("kill-out")
        for _ in 0..<6 {
            let delay = Double.random(in: 0.05...max(0.1, duration))
            let p = try Started(try E2E.binary(), args(out))
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            p.kill9()
            _ = try await p.wait()
            let runFolder = out.appendingPathComponent("201912")
            let leftRunning = (try? runJSON(runFolder))?["outcome"] as? String == "running"
            let rerun = try await ydelse(args(out))
            #expect(rerun.status == 0, "after kill at \(delay) s: \(rerun)")
            let actual = try outputFiles(runFolder)
            #expect(actual.keys.sorted() == expected.keys.sorted(), "after kill at \(delay) s")
            for (name, bytes) in expected where actual[name] != bytes {
                Issue.record("after kill -9 at \(String(format: "%.2f", delay)) s the rerun's \(name) differs from an undisturbed run")
            }
            let leftovers = actual.keys.filter { $0.split(separator: "/").last!.hasPrefix(".") && $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
            if leftRunning {
                let previous = try runJSON(runFolder)["previous_run"] as? [String: Any]
                #expect(previous?["outcome"] as? String == "interrupted", "after kill at \(delay) s: \(previous ?? [:])")
            }
            // Start the next round from scratch half of the time, from a complete folder otherwise.
            if Bool.random() { try FileManager.default.removeItem(at: runFolder) }
        }
    }

    @Test("temporary files of a killed run are removed by the next run (after it takes the lock)")
    func staleTemporaries() async throws {
        let data = try E2E.smallData(through: "201902", tag: "tmp")
        let out = try E2E.tempDirectory("tmp-out")
        let first = try await ydelse(["run", "--data", data.path, "--month", "2019-02", "--out", out.path])
        #expect(first.status == 0, "\(first)")
        let leftover = out.appendingPathComponent("201902/checkpoints/normalise/.fleur.arrow.tmp-99999-deadbeef")
        try Data(repeating: 7, count: 1000).write(to: leftover)
        let again = try await ydelse(["run", "--data", data.path, "--month", "2019-02", "--out", out.path])
        #expect(again.status == 0, "\(again)")
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(again.stderr.contains("removed 1 temporary file"), "\(again)")
    }

    @Test("a checkpoint truncated to 100 bytes is not trusted: its stage reruns and rewrites it as before")
    func truncatedCheckpoint() async throws {
        let data = try E2E.smallData(through: "201903", tag: "trunc")
        let out = try E2E.tempDirectory("trunc-out")
        let args = ["run", "--data", data.path, "--month", "2019-03", "--out", out.path]
        #expect(try await ydelse(args).status == 0)
        let file = out.appendingPathComponent("201903/checkpoints/spells/forloeb.arrow")
        let original = try Data(contentsOf: file)
        try original.prefix(100).write(to: file)
        let r = try await ydelse(args)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.range(of: #"spells\s+ran"#, options: .regularExpression) != nil, "\(r.stdout)")
        #expect(r.stdout.range(of: #"extract_fleur\s+up to date"#, options: .regularExpression) != nil, "\(r.stdout)")
        #expect(try Data(contentsOf: file) == original)
        // Another stage's valid checkpoint copied over this one (other fingerprint): also recomputed.
        let other = out.appendingPathComponent("201903/checkpoints/durations/varighed.arrow")
        let otherOriginal = try Data(contentsOf: other)
        try original.write(to: other)   // spells' file where durations' belongs
        let r2 = try await ydelse(args)
        #expect(r2.stdout.range(of: #"durations\s+ran"#, options: .regularExpression) != nil, "\(r2.stdout)")
        #expect(try Data(contentsOf: other) == otherOriginal)
    }

    @Test("run.json is a run record: schema, run id, tool and commit, arguments, paths, inputs, per-stage times; history in runs/; an up-to-date stage keeps its seconds")
    func runRecord() async throws {
        let data = try E2E.smallData(through: "201902", tag: "record")
        let out = try E2E.tempDirectory("record-out")
        let args = ["run", "--data", data.path, "--month", "2019-02", "--out", out.path]
        #expect(try await ydelse(args).status == 0)
        let folder = out.appendingPathComponent("201902")
        let first = try runJSON(folder)
        #expect(first["schema_version"] as? Int == 2)
        let runId = try #require(first["run_id"] as? String)
        #expect((first["tool"] as? [String: Any])?["commit"] as? String != nil)
        #expect(first["arguments"] as? [String] == args)
        #expect(first["data_directory"] as? String == data.standardizedFileURL.path)
        #expect(first["outcome"] as? String == "succeeded")
        let inputs = try #require(first["inputs"] as? [String: [String: Any]])
        let sources = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { !$0.hasPrefix(".") }
        #expect(inputs.count == sources.count * 2, "\(inputs.keys.sorted())")   // two months of every source
        let fleur = try #require(inputs["fleur/fleur_201901.dat.gz"])
        let size = try FileManager.default.attributesOfItem(atPath: data.appendingPathComponent("fleur/fleur_201901.dat.gz").path)[.size] as? Int
        #expect(fleur["bytes"] as? Int == size && (fleur["hash"] as? String)?.count == 32)
        let stages1 = try #require(first["stages"] as? [[String: Any]])
        for s in stages1 {
            #expect(s["started"] is String && s["finished"] is String && s["status"] as? String == "ran", "\(s["name"] ?? "?")")
            for (_, t) in (s["tables"] as? [String: [String: Any]]) ?? [:] { #expect(t["bytes"] as? Int ?? 0 > 0) }
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/\(runId).json").path))

        #expect(try await ydelse(args).status == 0)
        let second = try runJSON(folder)
        #expect(second["run_id"] as? String != runId)
        #expect((second["previous_run"] as? [String: Any])?["outcome"] as? String == "succeeded")
        let stages2 = try #require(second["stages"] as? [[String: Any]])
        for (a, b) in zip(stages1, stages2) {
            #expect(b["status"] as? String == "up_to_date")
            #expect(b["seconds"] as? Double == a["seconds"] as? Double && b["started"] as? String == a["started"] as? String,
                    "\(b["name"] ?? "?"): an up-to-date stage must keep the time of the run that computed it")
            #expect(b["computed_by"] as? String == runId)
        }
        let history = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("runs").path)
        #expect(history.count == 2)
    }

    @Test("--months A..B: one run folder per month, each identical to a single-month run; exit 0")
    func monthRange() async throws {
        let data = try E2E.smallData(through: "201904", tag: "range")
        let range = try E2E.tempDirectory("range-out")
        let r = try await ydelse(["run", "--data", data.path, "--months", "2019-02..2019-04", "--out", range.path])
        #expect(r.status == 0, "\(r)")
        for m in ["2019-02", "2019-03", "2019-04"] {
            let single = try E2E.tempDirectory("single-out")
            #expect(try await ydelse(["run", "--data", data.path, "--month", m, "--out", single.path]).status == 0)
            let compact = m.replacingOccurrences(of: "-", with: "")
            let a = try outputFiles(range.appendingPathComponent(compact)), b = try outputFiles(single.appendingPathComponent(compact))
            #expect(!a.isEmpty && a == b, "\(m): the range run's outputs differ from a single run's")
        }
    }
}
