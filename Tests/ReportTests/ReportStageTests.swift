import ColumnStore
import Foundation
import Pipeline
import Report
import Stages
import Testing

@Suite("ReportStage (issue 10): reads only declared upstream files through StageContext.file")
struct ReportStageTests {
    static let declaration = StageDeclaration(name: "report", kind: "report", inputs: ["forsoegsmaaling", "jobsamtaler"],
                                              parameters: ["experiment": "forsoegsmaaling", "jobsamtaler": "jobsamtaler"])

    func context(_ run: URL, parameters: [String: String] = declaration.parameters, inputs: [String] = declaration.inputs) -> StageContext {
        StageContext(stageName: "report", month: ReportFixture.handMade.month, dataDirectory: run, runDirectory: run,
                     parameters: parameters, inputs: inputs, tables: [:])
    }

    @Test("the stage writes exactly its declared file outputs, the same pages as the report builder")
    func writesDeclaredFiles() throws {
        let run = try ReportFixture.handMade.runFolder("stage")
        let stage = try StageCatalog.registry().makeStage(Self.declaration)
        #expect(stage.inputs == ["forsoegsmaaling", "jobsamtaler"])
        let result = try stage.run(context(run))
        #expect(Set(result.files.keys) == Set(stage.fileOutputs))
        #expect(result.tables.isEmpty && stage.outputs.isEmpty)
        let direct = try ReportFixture.handMade.pages()
        for (path, data) in result.files { #expect(Array(data) == direct[path], "\(path)") }
    }

    @Test("a missing published file is an error naming the file, not a crash")
    func missingFile() throws {
        let run = try ReportFixture.handMade.runFolder("missing")
        try FileManager.default.removeItem(at: run.appendingPathComponent("published/m2_3_sammen.csv"))
        let stage = ReportStage(declaration: Self.declaration)
        #expect { try stage.run(context(run)) } throws: { error in
            "\(error)".contains("published/m2_3_sammen.csv")
        }
    }

    @Test("a published file without a contract column is an error naming the file and the column")
    func malformedFile() throws {
        let run = try ReportFixture.handMade.runFolder("malformed")
        let url = run.appendingPathComponent("published/status.csv")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "afsluttede", with: "afsluttet")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect { try ReportStage(declaration: Self.declaration).run(context(run)) } throws: { error in
            "\(error)".contains("status.csv") && "\(error)".contains("afsluttede")
        }
    }

    @Test("StageContext.file refuses an upstream stage that is not a declared input")
    func undeclaredInput() throws {
        let run = try ReportFixture.handMade.runFolder("undeclared")
        let ctx = context(run, inputs: ["jobsamtaler"])
        #expect(throws: StageContextError.undeclaredInput(stage: "report", reads: "forsoegsmaaling", declared: ["jobsamtaler"])) {
            try ctx.file("forsoegsmaaling", "published/status.csv")
        }
        #expect(try ctx.file("jobsamtaler", "published/jobsamtaler_fokus.csv").count > 0)
        #expect(throws: StageContextError.missingFile(stage: "report", path: "published/nope.csv", upstream: "jobsamtaler")) {
            try ctx.file("jobsamtaler", "published/nope.csv")
        }
    }

    @Test("the reporting month must be in status.csv: a month without rows is an error naming file and month")
    func monthWithoutRows() throws {
        let run = try ReportFixture.handMade.runFolder("month")
        let ctx = StageContext(stageName: "report", month: YearMonth("2021-01")!, dataDirectory: run, runDirectory: run,
                               parameters: Self.declaration.parameters, inputs: Self.declaration.inputs, tables: [:])
        #expect { try ReportStage(declaration: Self.declaration).run(ctx) } throws: { error in
            "\(error)".contains("status.csv") && "\(error)".contains("2021M01")
        }
    }
}
