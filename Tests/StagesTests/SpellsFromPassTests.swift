import ColumnStore
import Foundation
import Pipeline
import Stages
import Testing

/// `spells` takes the spells of the persons the person pass (`durations`) has read from its
/// `forloeb` table instead of building their timelines again: the table is the one `spells`
/// computes alone, cell for cell and in the same order.
@Suite struct SpellsFromPassTests {
    /// The monthly pipeline with `spells` reading only `normalise` (every person computed there).
    static func spellsAlone() throws -> URL {
        let text = try String(contentsOf: Repo.pipelineFile, encoding: .utf8)
        let declared = "name = \"spells\"\nkind = \"spells\"\ninputs = [\"normalise\", \"durations\"]"
        #expect(text.contains(declared), "pipelines/monthly.toml no longer declares spells after durations")
        let alone = text.replacingOccurrences(of: declared, with: "name = \"spells\"\nkind = \"spells\"\ninputs = [\"normalise\"]")
        let url = try makeTempDirectory("spells-alone").appendingPathComponent("monthly.toml")
        try alone.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Every cell of `t` as text, row by row.
    static func cells(_ t: Table) -> [[String]] {
        (0..<t.rowCount).map { r in t.columns.map { $0.isNull(r) ? "\u{0}" : $0.text(at: r) ?? "" } }
    }

    @Test("spells/forloeb is the same with the person pass's rows (counter persons_from_durations) as computed alone", arguments: ["2020-10", "2023-06"])
    func sameAsAlone(_ month: String) async throws {
        let run = try await sampleRun(month)
        let withPass = try run.table("spells", "forloeb")
        let taken = try #require(run.report.stage("spells")?.counters["persons_from_durations"])
        #expect(taken > 0)
        // Every row of the pass's table is a row of spells/forloeb.
        let passRows = Self.cells(try run.table("durations", "forloeb"))
        #expect(!passRows.isEmpty && Set(passRows).isSubset(of: Set(Self.cells(withPass))))

        let pipeline = try Self.spellsAlone()
        let options = RunOptions(dataDirectory: Repo.sampleData, outputDirectory: try makeTempDirectory("spells-alone-out"),
                                 month: ym(month), only: nil, from: nil, force: false, acceptPartial: false,
                                 progress: .silent, logger: quietLogger)
        let runner = Runner(definition: try PipelineDefinition.load(url: pipeline, registry: StageCatalog.registry()),
                            registry: StageCatalog.registry(), codec: ArrowCheckpointCodec(), options: options)
        let report = try await onThread { try runner.run() }
        #expect(report.stage("spells")?.counters["persons_from_durations"] == nil)
        let alone = try ArrowCheckpointCodec().read(from: report.runDirectory.appendingPathComponent("checkpoints/spells/forloeb.arrow"))
        #expect(alone.columns.map(\.field) == withPass.columns.map(\.field))
        #expect(Self.cells(alone) == Self.cells(withPass))
    }

    @Test("spells fails, naming both counts, when the person pass holds spells of persons it does not take (another month's pass)")
    func passOfOtherPersonsRefused() async throws {
        let run = try await sampleRun("2023-06"), other = try await sampleRun("2020-10")
        let declaration = try #require(try monthlyDefinition().stages.first { $0.name == "spells" })
        let stage = try StageCatalog.registry().makeStage(declaration)
        // A run folder of its own (no M-1 beside it: every person not in the pass is computed).
        let folder = try makeTempDirectory("spells-pass")
        @Sendable func context(passFrom pass: SampleRun) -> StageContext {
            StageContext(stageName: declaration.name, month: run.month, dataDirectory: run.data,
                         runDirectory: folder, inputs: declaration.inputs,
                         source: { s, t in s == "durations" ? try pass.table(s, t) : try run.table(s, t) })
        }
        // The same run's pass is taken whole (the check does not refuse what is right) ...
        let result = try await onThread { try stage.run(context(passFrom: run)) }
        #expect(result.counters["persons_from_durations"] ?? 0 > 0)
        // ... and 2020-10's holds persons without a benefit record in 2023-06.
        let otherRows = try other.table("durations", "forloeb").rowCount
        await #expect { try await onThread { try stage.run(context(passFrom: other)) } } throws: { e in
            "\(e)".contains("durations/forloeb holds \(otherRows) rows") && "\(e)".contains("the two stages read different persons")
        }
    }

    @Test("a person pass named by parameter `durations` must be declared among the inputs")
    func undeclaredPassRefused() throws {
        let registry = StageCatalog.registry()
        let renamed = StageDeclaration(name: "s", kind: "spells", inputs: ["normalise", "durations"], parameters: ["durations": "pass"])
        #expect { try registry.makeStage(renamed) } throws: { e in "\(e)".contains("input pass (parameter `durations`) is not declared") }
        let alone = StageDeclaration(name: "s", kind: "spells", inputs: ["normalise"], parameters: [:])
        #expect(try registry.makeStage(alone).inputs == ["normalise"])
    }
}
