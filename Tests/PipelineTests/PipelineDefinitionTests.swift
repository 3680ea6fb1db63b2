import Foundation
import Pipeline
import Testing

@Suite struct PipelineDefinitionTests {
    struct Dummy: Stage {
        let name: String
        let parameters: [String: String]
        var inputs: [String] { [] }
        var outputs: [String] { ["t"] }
        var codeVersion: String { "1" }
        func run(_ context: StageContext) throws -> StageResult { StageResult(tables: [:]) }
    }

    static var registry: StageRegistry {
        var r = StageRegistry()
        for k in ["extract", "normalise", "spells", "durations", "forsoegsperiode", "jobsamtaler", "jobsamtaler_fokus_maaneder", "jobsamtaler_fokus", "forsoegsmaaling", "report"] {
            r.register(k) { name, parameters in Dummy(name: name, parameters: parameters) }
        }
        return r
    }

    static let monthlyURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("pipelines/monthly.toml")

    @Test func monthlyPipelineFileLoads() throws {
        let def = try PipelineDefinition.load(url: Self.monthlyURL, registry: Self.registry)
        let sources = ["fleur", "taeller", "ky", "ksd", "samtale", "fravaer", "maalgruppe", "tilbud",
                       "tilmelding", "forsoeg", "person", "bopael", "eindkomst"]
        #expect(def.names == sources.map { "extract_\($0)" } + ["normalise", "durations", "spells", "forsoegsperiode", "jobsamtaler", "jobsamtaler_fokus_maaneder", "jobsamtaler_fokus", "forsoegsmaaling", "report"])
        for s in sources {
            let d = try #require(def.declaration(named: "extract_\(s)"))
            #expect(d.kind == "extract")
            #expect(d.inputs.isEmpty)
            #expect(d.parameters == ["source": s])
        }
        #expect(def.declaration(named: "normalise")?.inputs == sources.map { "extract_\($0)" })
        #expect(def.declaration(named: "spells")?.inputs == ["normalise", "durations"])
        #expect(def.declaration(named: "durations")?.inputs == ["normalise"])
        #expect(def.declaration(named: "forsoegsperiode")?.inputs == ["normalise"])
        #expect(def.declaration(named: "jobsamtaler")?.inputs == ["durations"])
        #expect(def.declaration(named: "jobsamtaler_fokus_maaneder")?.inputs == ["normalise"])
        #expect(def.declaration(named: "normalise")?.parameters == ["superseded_months": "11"])
        #expect(def.declaration(named: "jobsamtaler_fokus")?.inputs == ["jobsamtaler_fokus_maaneder", "jobsamtaler"])
        #expect(def.declaration(named: "forsoegsmaaling")?.inputs == ["normalise", "forsoegsperiode"])
        let listing = try def.listing(registry: Self.registry)
        #expect(listing.contains("deliveries: eindkomst"))
        #expect(listing.split(separator: "\n").count == 2 + def.stages.count)   // header, rule, one line per stage
    }

    @Test func parametersOfOtherTypesBecomeStrings() throws {
        let def = try PipelineDefinition.parse("""
            [[stage]]
            name = "a"
            kind = "extract"
            [stage.parameters]
            n = 3
            flag = true
            """, registry: Self.registry)
        #expect(def.stages[0].parameters == ["n": "3", "flag": "true"])
    }

    func error(_ toml: String) -> PipelineFileError? {
        do {
            _ = try PipelineDefinition.parse(toml, file: "bad.toml", registry: Self.registry)
            return nil
        } catch let e as PipelineFileError {
            return e
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test(arguments: [
        ("[[stage]]\nname = \"a\"\nkind = \"mystery\"\n", "unknown kind 'mystery'"),
        ("[[stage]]\nname = \"a\"\nkind = \"extract\"\ninputs = [\"nope\"]\n", "unknown input stage 'nope'"),
        ("[[stage]]\nname = \"a\"\nkind = \"extract\"\n[[stage]]\nname = \"a\"\nkind = \"spells\"\n", "duplicate stage name 'a'"),
        ("[[stage]]\nname = \"a\"\nkind = \"spells\"\ninputs = [\"b\"]\n[[stage]]\nname = \"b\"\nkind = \"spells\"\ninputs = [\"a\"]\n", "cycle between stages"),
        ("[[stage]]\nname = \"a\"\nkind = \"spells\"\ninputs = [\"a\"]\n", "cycle between stages: a → a"),
        ("[[stage]]\nname = \"a\"\nkind = \"spells\"\ninputs = [\"b\"]\n[[stage]]\nname = \"b\"\nkind = \"extract\"\n", "declared before its input 'b'"),
        ("[[stage]]\nname = \"a\"\nkind = \n", "line 3"),
        ("[[stage]]\nkind = \"extract\"\n", "has no `name`"),
        ("[[stage]]\nname = \"a\"\nkind = \"extract\"\ninput = []\n", "unknown key 'input'"),
        ("[[stage]]\nname = \"a/b\"\nkind = \"extract\"\n", "names may use only"),
        ("[[stage]]\nname = \"a\"\nkind = \"extract\"\ninputs = \"x\"\n", "`inputs` must be an array"),
        ("[[stage]]\nname = \"a\"\nkind = \"extract\"\n[stage.parameters]\nx = [1]\n", "parameter 'x'"),
        ("title = \"x\"\n", "unknown top-level key 'title'"),
        ("", "no stages"),
    ])
    func badFilesAreRejectedWithFileAndProblem(toml: String, expected: String) throws {
        let e = try #require(error(toml))
        #expect(e.file == "bad.toml")
        #expect(e.description.hasPrefix("bad.toml: "))
        #expect(e.message.contains(expected), "message was: \(e.message)")
    }

    @Test func cycleIsReportedInDataFlowOrder() throws {
        let e = try #require(error("""
            [[stage]]
            name = "a"
            kind = "spells"
            inputs = ["c"]
            [[stage]]
            name = "b"
            kind = "spells"
            inputs = ["a"]
            [[stage]]
            name = "c"
            kind = "spells"
            inputs = ["b"]
            """))
        #expect(e.message.contains("a → b → c → a") || e.message.contains("c → a → b → c") || e.message.contains("b → c → a → b"),
                "message was: \(e.message)")
    }

    @Test func missingFileNamesThePath() throws {
        let url = URL(fileURLWithPath: "/nonexistent/pipe.toml")
        #expect {
            try PipelineDefinition.load(url: url, registry: Self.registry)
        } throws: { ($0 as? PipelineFileError)?.description.contains("/nonexistent/pipe.toml") == true }
    }

    @Test func registryRejectsStageReadingUndeclaredInput() throws {
        struct Reader: Stage {
            let name = "r"
            var inputs: [String] { ["elsewhere"] }
            var outputs: [String] { [] }
            var parameters: [String: String] { [:] }
            var codeVersion: String { "1" }
            func run(_ context: StageContext) throws -> StageResult { StageResult(tables: [:]) }
        }
        var r = StageRegistry()
        r.register("reader") { _ in Reader() }
        #expect {
            try r.makeStage(StageDeclaration(name: "r", kind: "reader"))
        } throws: { "\($0)".contains("elsewhere") }
    }
}
