import ColumnStore
import Foundation
import Pipeline
import Stages
import Testing

/// A stage reads what it declares and nothing else: reading an undeclared stage is refused by
/// ``StageContext`` (its fingerprint would not see it); this suite holds the other half, that no
/// declared input of the bundled pipeline is only nominal (ordering a stage after another and
/// rerunning it when that one changes, for nothing).
@Suite struct DeclaredInputsTests {
    @Test("every stage of the bundled pipeline reads each input it declares")
    func everyDeclaredInputIsRead() async throws {
        let run = try await sampleRun("2023-06")
        let registry = StageCatalog.registry()
        let stages = try monthlyDefinition().stages.filter { !$0.inputs.isEmpty }
        #expect(!stages.isEmpty)
        for var declaration in stages {
            // Caches off: a stage whose months are all cached may rightly skip its inputs.
            declaration.parameters["cache"] = "off"
            let stage = try registry.makeStage(declaration)
            let context = StageContext(
                stageName: declaration.name, month: run.month, dataDirectory: run.data,
                runDirectory: run.runDirectory, parameters: declaration.parameters, inputs: declaration.inputs,
                source: { s, t in try run.table(s, t) })
            _ = try await onThread { try stage.run(context) }
            #expect(context.unreadInputs.isEmpty,
                    "\(declaration.name) declares \(context.unreadInputs.joined(separator: ", ")) and did not read it")
            // The runner lets go of tables no stage still to finish says it reads.
            for (input, tables) in context.readTables {
                if let declared = stage.tablesRead(from: input) {
                    #expect(tables.isSubset(of: declared), "\(declaration.name) reads \(tables.subtracting(declared).sorted()) of \(input), not in its tablesRead")
                }
            }
        }
        // The person-level stages say which normalised tables they read: spells not the talks.
        let spells = try registry.makeStage(try #require(monthlyDefinition().stages.first { $0.name == "spells" }))
        let read = try #require(spells.tablesRead(from: "normalise"))
        #expect(read.contains("fleur") && read.contains("ksd_versioner") && !read.contains("samtale"))
    }

    @Test("unreadInputs names the declared stages a stage did not read, tables and files alike")
    func unreadInputsTracksTablesAndFiles() throws {
        let dir = try makeTempDirectory("unread-inputs")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("published"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: dir.appendingPathComponent("published/f.csv"))
        let t = Table(columns: [Column(name: "v", data: .int64([1]))])
        let context = StageContext(stageName: "s", month: ym("2023-06"), dataDirectory: dir, runDirectory: dir,
                                   inputs: ["a", "b", "c"], tables: ["a": ["t": t], "b": ["t": t], "c": ["t": t]])
        #expect(context.unreadInputs == ["a", "b", "c"])
        _ = try context.table("b", "t")
        _ = try context.file("c", "published/f.csv")
        #expect(context.unreadInputs == ["a"])
    }
}
