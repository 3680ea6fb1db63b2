import ColumnStore
import Foundation
import Pipeline
import Testing

@Suite struct RunnerTests {
    @Test func firstRunComputesEverythingAndWritesCheckpoints() throws {
        let h = try Harness()
        let report = try h.run()
        #expect(report.stages.map(\.status) == Array(repeating: .ran, count: 6))
        #expect(try h.scratch.value("extract_a") == [1, 2, 3])
        #expect(try h.scratch.value("combine") == [36])
        #expect(try h.scratch.value("double") == [72])
        #expect(try h.scratch.value("other") == [100])
        #expect(report.rejects == ["a": 0, "b": 1, "c": 0])
        #expect(report.partial == false)
        #expect(report.stage("extract_b")?.rowsIn == 3)
        #expect(report.stage("extract_b")?.rowsOut == ["values": 2])
        #expect(report.stage("combine")?.rowsIn == 5)   // rows of the upstream tables it loaded
        let meta = try JSONTestCodec.decode(h.scratch.checkpoint("double")).metadata
        #expect(meta["ydelse.stage"] == "double")
        #expect(meta["ydelse.fingerprint"] == report.manifest[stage: "double"]?.fingerprint?.hex)
    }

    @Test func secondRunSkipsEverything() throws {
        let h = try Harness()
        try h.run()
        #expect(h.probe.total == 6)
        h.probe.reset()
        let report = try h.run()
        #expect(h.probe.total == 0)
        #expect(report.stages.map(\.status) == Array(repeating: .upToDate, count: 6))
        // Figures of skipped stages come from run.json.
        #expect(report.stage("double")?.rowsOut == ["values": 1])
        #expect(report.rejects["b"] == 1)
        #expect(report.summaryText.contains("0 ran, 6 up to date"))
    }

    @Test func changedDeliveryRerunsItsStageAndEverythingDownstream() throws {
        let h = try Harness()
        try h.run()
        h.probe.reset()
        try h.scratch.put("a", "1\n2\n3\n4\n")
        let report = try h.run()
        #expect(report.stages(.ran) == ["extract_a", "combine", "double"])
        #expect(report.stages(.upToDate) == ["extract_b", "extract_c", "other"])
        #expect(try h.scratch.value("double") == [80])
    }

    @Test func codeVersionOrParameterChangeMakesStageStale() throws {
        var h = try Harness()
        try h.run()
        h.probe.reset()
        h.codeVersions["combine"] = "2"
        let report = try h.run()
        #expect(report.stages(.ran) == ["combine", "double"])
        #expect(h.probe.count("extract_a") == 0)
    }

    @Test func missingCheckpointMakesStageStale() throws {
        let h = try Harness()
        try h.run()
        h.probe.reset()
        try FileManager.default.removeItem(at: h.scratch.checkpoint("other"))
        let report = try h.run()
        #expect(report.stages(.ran) == ["other"])
    }

    @Test func onlyRerunsOneStageReadingUpstreamFromCheckpoints() throws {
        let h = try Harness()
        try h.run()
        h.probe.reset()
        let report = try h.run { $0.only = "combine"; $0.force = true }
        #expect(h.probe.total == 1)
        #expect(h.probe.count("combine") == 1)
        #expect(report.stages(.ran) == ["combine"])
        #expect(report.stage("extract_a")?.status == .notRun)
        #expect(report.stage("combine")?.rowsIn == 5)
        #expect(try h.scratch.value("combine") == [36])
        // The other stages keep their records in run.json.
        let m = try h.scratch.manifest()
        #expect(m[stage: "extract_a"]?.status == .ran)
        #expect(m[stage: "double"]?.fingerprint != nil)
        // Without --force an up-to-date stage is skipped even with --only.
        h.probe.reset()
        let again = try h.run { $0.only = "double" }
        #expect(h.probe.total == 0)
        #expect(again.stage("double")?.status == .upToDate)
    }

    @Test func onlyPicksUpAChangedUpstreamCheckpoint() throws {
        let h = try Harness()
        try h.run()
        try h.scratch.put("a", "5\n")
        try h.run { $0.only = "extract_a" }
        h.probe.reset()
        // combine's recorded upstream fingerprint no longer matches: it is stale.
        let report = try h.run { $0.only = "combine" }
        #expect(report.stages(.ran) == ["combine"])
        #expect(try h.scratch.value("combine") == [35])
    }

    @Test func onlyWithMissingUpstreamCheckpointNamesStageAndFile() throws {
        let h = try Harness()
        #expect {
            try h.run { $0.only = "combine" }
        } throws: { error in
            guard case let .stageFailed(stage, message, report)? = error as? RunnerError else { return false }
            return stage == "combine" && message.contains("extract_a") && message.contains("checkpoints/extract_a/values.arrow")
                && report.stage("combine")?.status == .failed
        }
    }

    @Test func fromRerunsThatStageAndEveryLaterOne() throws {
        let h = try Harness()
        try h.run()
        h.probe.reset()
        let report = try h.run { $0.from = "combine"; $0.force = true }
        #expect(report.stages(.ran) == ["combine", "double", "other"])
        #expect(report.stages(.notRun) == ["extract_a", "extract_b", "extract_c"])
        #expect(h.probe.count("extract_a") == 0)
        #expect(h.probe.total == 3)
        #expect(try h.scratch.value("double") == [72])
    }

    @Test func forceRecomputesEverything() throws {
        let h = try Harness()
        try h.run()
        h.probe.reset()
        let report = try h.run { $0.force = true }
        #expect(h.probe.total == 6)
        #expect(report.stages(.ran).count == 6)
    }

    @Test func unknownStageIsAUsageError() throws {
        let h = try Harness()
        for change in [{ (o: inout RunOptions) in o.only = "nope" }, { o in o.from = "nope" },
                       { o in o.only = "combine"; o.from = "double" }] {
            #expect {
                try h.run(change)
            } throws: { error in
                guard let e = error as? RunnerError, case .usage = e else { return false }
                return e.exitCode == 2
            }
        }
        #expect(h.probe.total == 0)
    }

    @Test func refusalStopsBeforeLaterStages() throws {
        let h = try Harness()
        try h.scratch.put("a", "1\nBAD\n2\n")
        #expect {
            try h.run()
        } throws: { error in
            guard let e = error as? RunnerError, case let .refused(messages, report) = e else { return false }
            return e.exitCode == 1 && messages == ["a.txt: trailer missing"]
                && report.stage("extract_a")?.status == .refused
                && report.stage("combine")?.status == .notRun
                && report.stage("double")?.status == .notRun
                && report.stage("other")?.status == .ran          // independent of the refused delivery
                && report.stoppedByRefusal && !report.partial
                && report.summaryText.contains("REFUSED")
        }
        #expect(h.probe.count("combine") == 0)
        #expect(h.probe.count("double") == 0)
        #expect(!FileManager.default.fileExists(atPath: h.scratch.checkpoint("extract_a").path))
        let m = try h.scratch.manifest()
        #expect(m.outcome == "refused")
        #expect(m[stage: "extract_a"]?.status == .refused)
        #expect(m.refusals == ["a.txt: trailer missing"])
    }

    @Test func acceptPartialContinuesAndMarksTheRunPartial() throws {
        let h = try Harness()
        try h.scratch.put("a", "1\nBAD\n2\n")
        let report = try h.run { $0.acceptPartial = true }
        #expect(report.partial)
        #expect(report.refusals == ["a.txt: trailer missing"])
        #expect(report.stages(.ran).count == 6)
        #expect(try h.scratch.value("combine") == [33])
        #expect(report.summaryText.contains("PARTIAL DATA"))
        #expect(report.summaryText.contains("a.txt: trailer missing"))
        #expect(try h.scratch.manifest().partial)

        // Still partial when nothing needs recomputing.
        let again = try h.run { $0.acceptPartial = true }
        #expect(again.stages(.upToDate).count == 6)
        #expect(again.partial)

        // A later run that does not accept partial data must not trust those checkpoints.
        h.probe.reset()
        #expect { try h.run() } throws: { ($0 as? RunnerError)?.exitCode == 1 }
        #expect(h.probe.count("extract_a") == 1)
        #expect(h.probe.count("combine") == 0)

        // Nor may --only build on them.
        #expect { try h.run { $0.only = "double"; $0.force = true } } throws: { error in
            guard case .refused? = error as? RunnerError else { return false }
            return true
        }
        #expect(h.probe.count("double") == 0)
    }

    @Test func stageFailureNamesTheStageAndStops() throws {
        var h = try Harness()
        h.failing = ["combine"]
        #expect {
            try h.run { $0.maxConcurrency = 1 }
        } throws: { error in
            guard let e = error as? RunnerError, case let .stageFailed(stage, message, report) = e else { return false }
            return stage == "combine" && message == "boom in combine" && e.exitCode == 1
                && "\(e)" == "stage combine failed: boom in combine"
                && report.stage("double")?.status == .notRun
                && report.failure == "stage combine failed: boom in combine"
                && report.summaryText.contains("FAILED: stage combine failed: boom in combine")
        }
        #expect(h.probe.count("double") == 0)
        let m = try h.scratch.manifest()
        #expect(m.outcome == "failed")
        #expect(m[stage: "combine"]?.status == .failed)
        #expect(m[stage: "combine"]?.error == "boom in combine")
        #expect(m[stage: "combine"]?.fingerprint == nil)
    }

    @Test func runManifestIsWrittenAndParseable() throws {
        let h = try Harness()
        let report = try h.run()
        let url = h.scratch.runDir.appendingPathComponent("run.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(json["month"] as? String == "2023-06")
        #expect(json["partial"] as? Bool == false)
        #expect(json["started"] is String)
        #expect(json["finished"] is String)
        #expect((json["rejects"] as? [String: Int])?["b"] == 1)
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(stages.map { $0["name"] as? String } == ["extract_a", "extract_b", "extract_c", "combine", "double", "other"])
        #expect(stages.allSatisfy { $0["status"] as? String == "ran" })
        let m = try h.scratch.manifest()
        #expect(m.stages.map(\.fingerprint) == report.manifest.stages.map(\.fingerprint))
        #expect(m.stages.map(\.rowsOut) == report.manifest.stages.map(\.rowsOut))
        let b = try #require(m[stage: "extract_b"])
        #expect(b.inputFingerprint != nil)
        #expect(b.rejects == ["b": 1])
        #expect(b.rowsIn == 3)
        #expect(b.rowsOut == ["values": 2])
        #expect(b.codeVersion == "1")
        #expect(m[stage: "double"]?.upstream == ["combine": m[stage: "combine"]!.fingerprint!])
        #expect(m[stage: "double"]?.parameters == ["factor": "2"])
        #expect(m[stage: "combine"]?.counters == ["inputs": 2])
        // Second run keeps the stable parts and marks stages up to date.
        try h.run()
        let m2 = try h.scratch.manifest()
        #expect(m2.stages.allSatisfy { $0.status == .upToDate })
        #expect(m2.stages.map(\.fingerprint) == m.stages.map(\.fingerprint))
    }

    @Test func runLeavesNoTemporaryFiles() throws {
        let h = try Harness()
        try h.run()
        try h.run { $0.force = true }
        #expect(!h.scratch.allFiles().contains { AtomicFile.isTemporary($0) || $0.contains(".tmp") })
    }

    @Test("ready stages start longest first, by the seconds this folder's or the previous month's run.json records")
    func longestFirst() throws {
        let h = try Harness()
        let extracts = ["extract_a", "extract_b", "extract_c"]
        func started() -> [String] { h.probe.order.filter { extracts.contains($0) } }
        try h.run { $0.maxConcurrency = 1 }
        #expect(started() == extracts)   // no record: declared order
        func record(_ seconds: [String: Double]) throws {
            var m = try h.scratch.manifest()
            for (name, s) in seconds { m[stage: name]!.seconds = s }
            try m.write(to: h.scratch.runDir.appendingPathComponent(RunManifest.fileName))
        }
        try record(["extract_a": 0.1, "extract_b": 2, "extract_c": 5])
        h.probe.reset()
        try h.run { $0.maxConcurrency = 1; $0.force = true }
        #expect(started() == ["extract_c", "extract_b", "extract_a"])
        // A new month's folder: the order of the previous month's run.
        try record(["extract_a": 3, "extract_b": 1, "extract_c": 2])
        h.probe.reset()
        let july = try h.run { $0.maxConcurrency = 1; $0.month = YearMonth(year: 2023, month: 7) }
        #expect(started() == ["extract_a", "extract_c", "extract_b"])
        // The order changes when stages start, not what they compute.
        for stage in ["combine", "double", "other"] {
            #expect(july.manifest[stage: stage]?.rowsOut == (try h.scratch.manifest())[stage: stage]?.rowsOut)
        }
    }

    @Test func independentStagesRunConcurrentlyWithSameResults() throws {
        var serial = try Harness()
        serial.extractSleep = 0.2
        let r1 = try serial.run { $0.maxConcurrency = 1 }
        #expect(serial.probe.maxActive == 1)

        var parallel = try Harness()
        parallel.extractSleep = 0.2
        let r2 = try parallel.run { $0.maxConcurrency = 3 }
        #expect(parallel.probe.maxActive >= 2)

        for stage in ["extract_a", "extract_b", "extract_c", "combine", "double", "other"] {
            #expect(try serial.scratch.value(stage) == parallel.scratch.value(stage))
            #expect(r1.manifest[stage: stage]?.rowsOut == r2.manifest[stage: stage]?.rowsOut)
        }
        #expect(r1.rejects == r2.rejects)
    }

    @Test func readingAnUndeclaredInputFails() throws {
        struct Sneaky: Stage {
            let name = "sneaky"
            var inputs: [String] { [] }
            var outputs: [String] { ["t"] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func run(_ context: StageContext) throws -> StageResult {
                StageResult(tables: ["t": try context.table("extract_a", "values")])
            }
        }
        var r = StageRegistry()
        r.register("sneaky") { _ in Sneaky() }
        let s = try Scratch()
        let def = try PipelineDefinition(stages: [StageDeclaration(name: "sneaky", kind: "sneaky")], registry: r)
        #expect {
            try Runner(definition: def, registry: r, codec: JSONTestCodec(), options: s.options()).run()
        } throws: { "\($0)".contains("not among its declared inputs") }
    }

    @Test func missingOrExtraOutputTableFails() throws {
        struct Partial: Stage {
            let name: String
            var inputs: [String] { [] }
            var outputs: [String] { ["a", "b"] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func run(_ context: StageContext) throws -> StageResult {
                name == "missing"
                    ? StageResult(tables: ["a": int64Table("v", [1])])
                    : StageResult(tables: ["a": int64Table("v", [1]), "b": int64Table("v", [1]), "c": int64Table("v", [1])])
            }
        }
        var r = StageRegistry()
        r.register("partial") { name, _ in Partial(name: name) }
        for (name, phrase) in [("missing", "did not produce table(s) b"), ("extra", "undeclared table(s) c")] {
            let s = try Scratch()
            let def = try PipelineDefinition(stages: [StageDeclaration(name: name, kind: "partial")], registry: r)
            #expect {
                try Runner(definition: def, registry: r, codec: JSONTestCodec(), options: s.options()).run()
            } throws: { "\($0)".contains(phrase) && "\($0)".contains("stage \(name) failed") }
        }
    }

    @Test func summaryIsAnAlignedTable() throws {
        let h = try Harness()
        let text = try h.run().summaryText
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("stage ") })
        let rows = lines[(header + 2)..<(header + 8)]
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) }
                == ["extract_a", "extract_b", "extract_c", "combine", "double", "other"])
        // Right-aligned numeric columns: every row has the same width.
        #expect(Set(rows.map(\.count)).count == 1)
        #expect(text.contains("rejects per source"))
        #expect(text.contains("combine") && text.contains("inputs"))
        #expect(text.contains("total "))
    }

    @Test func standaloneContextServesTablesForStageTests() throws {
        let ctx = StageContext(
            stageName: "combine", month: YearMonth(year: 2023, month: 6),
            dataDirectory: URL(fileURLWithPath: "/data"), runDirectory: URL(fileURLWithPath: "/out/202306"),
            parameters: ["factor": "3"], inputs: ["extract_a"],
            tables: ["extract_a": ["values": int64Table("v", [4, 5])]])
        #expect(try ctx.table("extract_a", "values").rowCount == 2)
        #expect(ctx.rowsReadFromInputs == 2)
        #expect(try ctx.parameter("factor") == "3")
        #expect { try ctx.parameter("nope") } throws: { "\($0)".contains("stage combine needs parameter 'nope'") }
        #expect { try ctx.table("extract_b", "values") } throws: { "\($0)".contains("not among its declared inputs") }
        #expect { try ctx.table("extract_a", "other") } throws: { "\($0)".contains("no table 'other' of stage extract_a") }
        let stage = TestSum(name: "combine", inputs: ["extract_a"], parameters: ["factor": "3"], probe: Probe())
        #expect(try stage.run(ctx).tables["values"]?.column("v").int64Values == [27])
        // The last rows of a table (a nightly normalise reads the new deliveries' rows this way).
        #expect(try ctx.table("extract_a", "values", fromRow: 1).column("v").int64Values == [5])
        #expect(try ctx.table("extract_a", "values", fromRow: 2).rowCount == 0)
        #expect { try ctx.table("extract_a", "values", fromRow: 3) } throws: { "\($0)".contains("rows from 3 asked of a table of 2 rows") }
        #expect { try ctx.table("extract_b", "values", fromRow: 0) } throws: { "\($0)".contains("not among its declared inputs") }
        #expect(try ctx.record(of: "extract_a") == nil)
        #expect { try ctx.record(of: "extract_b") } throws: { "\($0)".contains("not among its declared inputs") }
    }

    @Test("a stage reads this run's record of a declared input, and the last rows of its checkpoint")
    func contextServesUpstreamRecordsAndTableTails() throws {
        /// Reads what the runner gives it of `extract_a`: its record and its rows from row 3.
        struct Tail: Stage {
            let seen: Locked<[String]>
            var name: String { "tail" }
            var inputs: [String] { ["extract_a"] }
            var outputs: [String] { ["values"] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func run(_ context: StageContext) throws -> StageResult {
                let record = try context.record(of: "extract_a")
                let t = try context.table("extract_a", "values", fromRow: 3)
                seen.withLock { $0.append("\(record?.rowsOut["values"] ?? -1) \(t.column("v").int64Values)") }
                return StageResult(tables: ["values": t])
            }
        }
        let seen = Locked<[String]>([])
        let probe = Probe()
        var r = StageRegistry()
        r.register("extract") { name, parameters in TestExtract(name: name, parameters: parameters, probe: probe) }
        r.register("tail") { _ in Tail(seen: seen) }
        let s = try Scratch()
        try s.put("a", "1\n2\n3\n4\n5\n")
        let def = try PipelineDefinition(stages: [
            StageDeclaration(name: "extract_a", kind: "extract", parameters: ["source": "a"]),
            StageDeclaration(name: "tail", kind: "tail", inputs: ["extract_a"]),
        ], registry: r)
        // From memory (the extract ran in this run), then from the checkpoint (it is up to date).
        _ = try Runner(definition: def, registry: r, codec: JSONTestCodec(), options: s.options()).run()
        _ = try Runner(definition: def, registry: r, codec: JSONTestCodec(), options: s.options { $0.only = "tail"; $0.force = true }).run()
        #expect(seen.withLock { $0 } == ["5 [4, 5]", "5 [4, 5]"])
    }

    @Test func progressReachesTheReporter() throws {
        let lines = Locked<[String]>([])
        let p = ProgressReporter(stage: "extract_x", mode: .custom { l in lines.withLock { $0.append(l) } })
        p.update(done: 500, total: 1000, unit: "rows")
        p.update(done: 1000, total: 1000, unit: "rows")
        p.finish()
        let got = lines.withLock { $0 }
        #expect(got.count == 2)
        #expect(got[0].hasPrefix("extract_x  500 / 1,000 rows  50%"))
        #expect(p.lastUpdate?.done == 1000)
    }

    @Test("a stage that keeps no tables in memory hands them on through its checkpoint: read back once, same values")
    func tablesNotKeptInMemoryAreReadBackFromTheCheckpoint() throws {
        struct Producer: Stage {
            let name: String
            let keepsTablesInMemory: Bool
            var inputs: [String] { [] }
            var outputs: [String] { ["t"] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func run(_ context: StageContext) throws -> StageResult { StageResult(tables: ["t": int64Table("v", [3, 4, 5])]) }
        }
        struct Consumer: Stage {
            let name: String
            var inputs: [String] { ["p"] }
            var outputs: [String] { ["sum"] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func run(_ context: StageContext) throws -> StageResult {
                StageResult(tables: ["sum": int64Table("v", [try context.table("p", "t").column("v").int64Values.reduce(0, +)])])
            }
        }
        for keep in [false, true] {
            var r = StageRegistry()
            r.register("producer") { name, _ in Producer(name: name, keepsTablesInMemory: keep) }
            r.register("consumer") { name, _ in Consumer(name: name) }
            let s = try Scratch()
            let def = try PipelineDefinition(stages: [StageDeclaration(name: "p", kind: "producer"),
                                                      StageDeclaration(name: "c", kind: "consumer", inputs: ["p"])], registry: r)
            let codec = CountingCodec()
            try Runner(definition: def, registry: r, codec: codec, options: s.options()).run()
            #expect(codec.reads.withLock { $0 } == (keep ? [] : ["p/t.arrow"]), "keepsTablesInMemory = \(keep)")
            #expect(try JSONTestCodec().read(from: s.runDir.appendingPathComponent("checkpoints/c/sum.arrow")).column("v").int64Values == [12])
        }
    }
}

extension RunnerTests {
    @Test("an upstream table no stage still to finish says it reads is let go; a stage reading it after all gets it from its checkpoint")
    func tablesNoLaterStageReadsAreLetGo() throws {
        struct Producer: Stage {
            let name: String
            var inputs: [String] { [] }
            var outputs: [String] { ["t1", "t2"] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func run(_ context: StageContext) throws -> StageResult {
                StageResult(tables: ["t1": int64Table("v", [1, 2]), "t2": int64Table("v", [30, 40])])
            }
        }
        /// Reads both tables of `p`; says it reads `declared` of them.
        struct Reader: Stage {
            let name: String
            let inputs: [String]
            let declared: Set<String>?
            var outputs: [String] { ["sum"] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func tablesRead(from input: String) -> Set<String>? { input == "p" ? declared : nil }
            func run(_ context: StageContext) throws -> StageResult {
                let sum = try ["t1", "t2"].map { try context.table("p", $0).column("v").int64Values.reduce(0, +) }.reduce(0, +)
                return StageResult(tables: ["sum": int64Table("v", [sum])])
            }
        }
        // `b` runs after `a` (it reads `a`); once `a` is done only `b` is left reading `p`.
        for (declaredByB, readBack) in [(Set(["t1"]), ["p/t2.arrow"]), (nil, []), (Set(["t1", "t2"]), [])] as [(Set<String>?, [String])] {
            var r = StageRegistry()
            r.register("producer") { name, _ in Producer(name: name) }
            r.register("a", factory: { d in Reader(name: d.name, inputs: d.inputs, declared: ["t1", "t2"]) })
            r.register("b", factory: { d in Reader(name: d.name, inputs: d.inputs, declared: declaredByB) })
            let s = try Scratch()
            let def = try PipelineDefinition(stages: [StageDeclaration(name: "p", kind: "producer"),
                                                      StageDeclaration(name: "a", kind: "a", inputs: ["p"]),
                                                      StageDeclaration(name: "b", kind: "b", inputs: ["p", "a"])], registry: r)
            let codec = CountingCodec()
            try Runner(definition: def, registry: r, codec: codec, options: s.options()).run()
            #expect(codec.reads.withLock { $0 } == readBack, "b declares \(declaredByB.map { $0.sorted() } ?? [])")
            #expect(try JSONTestCodec().read(from: s.runDir.appendingPathComponent("checkpoints/b/sum.arrow")).column("v").int64Values == [73])
        }
    }
}

/// The test codec, counting the checkpoints read (`stage/table.arrow`).
struct CountingCodec: CheckpointCodec {
    let reads = Locked<[String]>([])
    func write(_ table: Table, to url: URL, metadata: [String: String]) throws {
        try JSONTestCodec().write(table, to: url, metadata: metadata)
    }
    func read(from url: URL) throws -> Table {
        reads.withLock { $0.append(url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent) }
        return try JSONTestCodec().read(from: url)
    }
    func metadata(from url: URL) throws -> [String: String] { try JSONTestCodec().metadata(from: url) }
}
