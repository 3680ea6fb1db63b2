import ColumnStore
import Foundation
import Pipeline
import YdelseIO

/// Stage `normalise`: reads every extract stage's table and writes one
/// normalised table per source (`checkpoints/normalise/<source>.arrow`):
/// later versions of keyed records replace earlier ones, and rows are sorted
/// by pnr (see ``Normaliser``). Sources are processed in parallel.
public struct NormaliseStage: Stage {
    public let name: String
    public let inputs: [String]
    public let parameters: [String: String]
    public let codeVersion = "normalise-1"
    /// Source layouts read, one per input extract stage (`extract_<source>`).
    let sources: [(stage: String, layout: SourceLayout)]

    public var outputs: [String] { sources.map(\.layout.name) }

    public init(declaration: StageDeclaration) throws {
        name = declaration.name
        inputs = declaration.inputs
        parameters = declaration.parameters
        sources = try declaration.inputs.map { stage in
            let source = stage.hasPrefix("extract_") ? String(stage.dropFirst("extract_".count)) : stage
            guard let layout = SourceCatalog.layout(named: source) else {
                throw StageSetupError(stage: declaration.name, message: "input \(stage) is not an extract stage of a known source")
            }
            return (stage, layout)
        }
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let inputs = try sources.map { try context.table($0.stage, $0.layout.name) }
        let layouts = sources.map(\.layout)
        let progress = context.progress
        let outcomes = Parallel.map(layouts.count) { i in
            let o = Normaliser.normalise(inputs[i], layout: layouts[i])
            progress.advance(total: layouts.count, unit: "sources")
            return o
        }
        var tables: [String: Table] = [:]
        var counters: [String: Int] = [:]
        for (i, o) in outcomes.enumerated() {
            tables[layouts[i].name] = o.table
            if o.replaced > 0 { counters["replaced_\(layouts[i].name)"] = o.replaced }
        }
        return StageResult(tables: tables, counters: counters)
    }
}

/// A stage declared with parameters or inputs it cannot work with.
public struct StageSetupError: Error, CustomStringConvertible {
    public var stage: String
    public var message: String
    public var description: String { "stage \(stage): \(message)" }
}
