import ColumnStore
import Foundation
import Logging
import Pipeline
import Report
import Stages
import Testing
import TestScratch

/// The report stage inside a real run: upstream stages write `published/*.csv` as file outputs,
/// the runner writes them, and the report stage reads them through `StageContext.file`.
@Suite("ReportStage in the runner (issue 10)")
struct ReportRunnerTests {
    /// Stands in for the stages that write the published tables (built in other branches):
    /// writes the fixture's files of one part as its file outputs.
    struct FixturePublisher: Stage {
        let name: String
        let files: [String]
        var inputs: [String] { [] }
        var outputs: [String] { [] }
        var fileOutputs: [String] { files.map { "published/" + $0 } }
        var parameters: [String: String] { [:] }
        var codeVersion: String { "fixture-1" }
        func run(_ context: StageContext) throws -> StageResult {
            var out: [String: Data] = [:]
            for f in files { out["published/" + f] = try Data(contentsOf: ReportFixture.handMade.published.appendingPathComponent(f)) }
            return StageResult(tables: [:], files: out)
        }
    }

    @Test("upstream published files → report/ pages written by the runner; a rerun finds the report up to date")
    func runsInPipeline() throws {
        var registry = StageCatalog.registry()
        registry.register("fixture_experiment") { decl in FixturePublisher(name: decl.name, files: PublishedData.experimentFiles.keys.sorted()) }
        registry.register("fixture_jobsamtaler") { decl in FixturePublisher(name: decl.name, files: ["jobsamtaler.csv"]) }
        registry.register("fixture_fokus") { decl in FixturePublisher(name: decl.name, files: ["jobsamtaler_fokus.csv"]) }
        // As in the branches that write them: the focus file comes from a stage of its own.
        let def = try PipelineDefinition(stages: [
            StageDeclaration(name: "forsoegsmaaling", kind: "fixture_experiment"),
            StageDeclaration(name: "jobsamtaler", kind: "fixture_jobsamtaler"),
            StageDeclaration(name: "jobsamtaler_fokus", kind: "fixture_fokus"),
            StageDeclaration(name: "report", kind: "report", inputs: ["forsoegsmaaling", "jobsamtaler", "jobsamtaler_fokus"],
                             parameters: ["experiment": "forsoegsmaaling", "jobsamtaler": "jobsamtaler",
                                          "jobsamtaler_fokus": "jobsamtaler_fokus"]),
        ], registry: registry)
        let out = try TestScratch.folder("report-runner")
        let options = RunOptions(dataDirectory: out, outputDirectory: out, month: ReportFixture.handMade.month, progress: .silent,
                                 logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let first = try Runner(definition: def, registry: registry, codec: ArrowCheckpointCodec(), options: options).run()
        #expect(first.stages.first { $0.name == "report" }?.status == .ran)
        let expected = try ReportFixture.handMade.pages()
        for path in ReportPages.paths {
            let written = try Data(contentsOf: first.runDirectory.appendingPathComponent(path))
            #expect(Array(written) == expected[path], "\(path)")
        }
        let second = try Runner(definition: def, registry: registry, codec: ArrowCheckpointCodec(), options: options).run()
        #expect(second.stages.first { $0.name == "report" }?.status == .upToDate)
    }
}
