import Pipeline
import Stages
import Testing

/// Stages that read an upstream stage named by a parameter refuse a declaration that does not
/// list it among its inputs (a stage reads only what it declares), naming the input and the
/// parameter; with the input declared they are made.
@Suite struct DeclaredInputParameterTests {
    static let cases: [(kind: String, parameter: String, input: String, others: [String])] = [
        ("jobsamtaler", "durations", "durations", []),
        ("jobsamtaler_fokus_maaneder", "normalise", "normalise", []),
        ("jobsamtaler_fokus", "measure", "jobsamtaler", ["jobsamtaler_fokus_maaneder"]),
        ("jobsamtaler_fokus", "months", "jobsamtaler_fokus_maaneder", ["jobsamtaler"]),
    ]

    @Test("an undeclared input named by a parameter is refused in words", arguments: 0..<cases.count)
    func refused(_ i: Int) throws {
        let c = Self.cases[i]
        let registry = StageCatalog.registry()
        let ok = StageDeclaration(name: "s", kind: c.kind, inputs: c.others + [c.input], parameters: [:])
        #expect(try registry.makeStage(ok).name == "s")
        let missing = StageDeclaration(name: "s", kind: c.kind, inputs: c.others, parameters: [:])
        #expect { try registry.makeStage(missing) } throws: { e in
            "\(e)".contains("input \(c.input) (parameter `\(c.parameter)`) is not declared")
        }
        // Renamed by the parameter: the renamed stage must be declared instead.
        let renamed = StageDeclaration(name: "s", kind: c.kind, inputs: c.others + [c.input], parameters: [c.parameter: "other"])
        #expect { try registry.makeStage(renamed) } throws: { e in
            "\(e)".contains("input other (parameter `\(c.parameter)`) is not declared")
        }
    }
}
