import Foundation
import TOMLKit

/// The declared stages of a pipeline, in order, as read from a pipeline file such as
/// `pipelines/monthly.toml`:
///
/// ```toml
/// [[stage]]
/// name = "extract_fleur"
/// kind = "extract"
/// inputs = []
/// [stage.parameters]
/// source = "fleur"
/// ```
///
/// Loading checks that names are unique, kinds are registered, every input names a stage,
/// there is no cycle and every stage is declared after its inputs.
public struct PipelineDefinition: Sendable, Equatable {
    /// The stages in declared (execution) order.
    public var stages: [StageDeclaration]

    /// A definition from declarations, validated like a file (`file` labels the errors).
    public init(stages: [StageDeclaration], registry: StageRegistry? = nil, file: String = "<pipeline>") throws {
        try Self.validate(stages, registry: registry, file: file)
        self.stages = stages
    }

    /// Reads and validates the pipeline file at `url`.
    public static func load(url: URL, registry: StageRegistry) throws -> PipelineDefinition {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PipelineFileError(file: url.path, message: "cannot read pipeline file: \(error.localizedDescription)")
        }
        return try parse(text, file: url.path, registry: registry)
    }

    /// Parses and validates pipeline TOML `text`; `file` labels the errors.
    public static func parse(_ text: String, file: String = "<string>", registry: StageRegistry?) throws -> PipelineDefinition {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw PipelineFileError(file: file, message: "line \(e.source.begin.line), column \(e.source.begin.column): \(e.description)")
        } catch {
            throw PipelineFileError(file: file, message: "not valid TOML: \(error)")
        }
        for key in root.keys where key != "stage" {
            throw PipelineFileError(file: file, message: "unknown top-level key '\(key)'; a pipeline file holds only [[stage]] entries")
        }
        guard let entry = root["stage"] else {
            throw PipelineFileError(file: file, message: "no stages; declare each with a [[stage]] table")
        }
        guard let array = entry.array else {
            throw PipelineFileError(file: file, message: "'stage' must be an array of tables, written [[stage]]")
        }
        var declarations: [StageDeclaration] = []
        for (i, value) in array.enumerated() {
            let position = "stage #\(i + 1)"
            guard let t = value.table else {
                throw PipelineFileError(file: file, message: "\(position) is not a table")
            }
            declarations.append(try declaration(t, position: position, file: file))
        }
        return try PipelineDefinition(stages: declarations, registry: registry, file: file)
    }

    private static let allowedKeys: Set<String> = ["name", "kind", "inputs", "parameters"]

    private static func declaration(_ t: TOMLTable, position: String, file: String) throws -> StageDeclaration {
        guard let name = t["name"]?.string, !name.isEmpty else {
            throw PipelineFileError(file: file, message: "\(position) has no `name` string")
        }
        let isValidName = name.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-" }
        guard isValidName else {
            throw PipelineFileError(file: file, message: "stage '\(name)': names may use only a-z, 0-9, _ and - (they become folder names)")
        }
        for key in t.keys where !allowedKeys.contains(key) {
            throw PipelineFileError(file: file, message: "stage \(name): unknown key '\(key)' (allowed: name, kind, inputs, parameters)")
        }
        guard let kind = t["kind"]?.string, !kind.isEmpty else {
            throw PipelineFileError(file: file, message: "stage \(name) has no `kind` string")
        }
        var inputs: [String] = []
        if let v = t["inputs"] {
            guard let arr = v.array else {
                throw PipelineFileError(file: file, message: "stage \(name): `inputs` must be an array of stage names")
            }
            for item in arr {
                guard let s = item.string else {
                    throw PipelineFileError(file: file, message: "stage \(name): `inputs` must hold strings, found \(item.debugDescription)")
                }
                inputs.append(s)
            }
        }
        var parameters: [String: String] = [:]
        if let v = t["parameters"] {
            guard let pt = v.table else {
                throw PipelineFileError(file: file, message: "stage \(name): `parameters` must be a table, written [stage.parameters]")
            }
            for key in pt.keys {
                let pv = pt[key]!
                if let s = pv.string { parameters[key] = s }
                else if let n = pv.int { parameters[key] = String(n) }
                else if let b = pv.bool { parameters[key] = String(b) }
                else if let d = pv.double { parameters[key] = String(d) }
                else {
                    throw PipelineFileError(file: file, message: "stage \(name): parameter '\(key)' must be a string, number or boolean")
                }
            }
        }
        return StageDeclaration(name: name, kind: kind, inputs: inputs, parameters: parameters)
    }

    private static func validate(_ stages: [StageDeclaration], registry: StageRegistry?, file: String) throws {
        guard !stages.isEmpty else { throw PipelineFileError(file: file, message: "no stages") }
        var index: [String: Int] = [:]
        for (i, s) in stages.enumerated() {
            if index[s.name] != nil {
                throw PipelineFileError(file: file, message: "duplicate stage name '\(s.name)'")
            }
            index[s.name] = i
        }
        for s in stages {
            if let registry, !registry.contains(s.kind) {
                throw PipelineFileError(file: file, message: "stage \(s.name): unknown kind '\(s.kind)' (known kinds: \(registry.kinds.joined(separator: ", ")))")
            }
            var seen = Set<String>()
            for input in s.inputs {
                guard index[input] != nil else {
                    throw PipelineFileError(file: file, message: "stage \(s.name): unknown input stage '\(input)'")
                }
                guard seen.insert(input).inserted else {
                    throw PipelineFileError(file: file, message: "stage \(s.name): input '\(input)' is listed twice")
                }
            }
        }
        if let cycle = findCycle(stages, index: index) {
            throw PipelineFileError(file: file, message: "cycle between stages: \(cycle.joined(separator: " → "))")
        }
        for (i, s) in stages.enumerated() {
            for input in s.inputs where index[input]! > i {
                throw PipelineFileError(file: file, message: "stage \(s.name) is declared before its input '\(input)'; stages run in declared order, move it after '\(input)'")
            }
        }
    }

    /// A cycle as a path `a → b → … → a`, or `nil`.
    private static func findCycle(_ stages: [StageDeclaration], index: [String: Int]) -> [String]? {
        var state = [UInt8](repeating: 0, count: stages.count)   // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        func visit(_ i: Int) -> [String]? {
            state[i] = 1
            stack.append(i)
            for input in stages[i].inputs {
                let j = index[input]!
                if state[j] == 1 {
                    let from = stack.firstIndex(of: j)!
                    // Edges point from a stage to its input; report in data-flow order.
                    let names = stack[from...].map { stages[$0].name }
                    let flow = Array(names.reversed())
                    return flow + [flow[0]]
                }
                if state[j] == 0, let c = visit(j) { return c }
            }
            stack.removeLast()
            state[i] = 2
            return nil
        }
        for i in stages.indices where state[i] == 0 {
            if let c = visit(i) { return c }
        }
        return nil
    }

    /// The names of the stages in order.
    public var names: [String] { stages.map(\.name) }

    /// The declaration named `name`.
    public func declaration(named name: String) -> StageDeclaration? { stages.first { $0.name == name } }

    /// A listing for `ydelse stages`: each stage in order with its kind, what it reads and writes.
    public func listing(registry: StageRegistry) throws -> String {
        var rows: [[String]] = [["stage", "kind", "reads", "writes"]]
        for d in stages {
            let stage = try registry.makeStage(d)
            let reads = d.inputs.isEmpty
                ? (d.parameters["source"].map { "deliveries: \($0)" } ?? "—")
                : d.inputs.joined(separator: ", ")
            rows.append([d.name, d.kind, reads, (stage.outputs + stage.fileOutputs).joined(separator: ", ")])
        }
        return TextTable.render(rows, rightAligned: [])
    }
}
