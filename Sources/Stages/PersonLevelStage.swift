import ColumnStore
import Pipeline

/// A stage that works person by person on the normalised tables (spells,
/// durations, forsøgsperiode). It takes its name, inputs and parameters from
/// its declaration in the pipeline file; parameter `normalise` names the
/// upstream stage (default `normalise`), `partitions` the partition count.
protocol PersonLevelStage: Stage {
    var declaration: StageDeclaration { get }
    /// The normalised sources this stage's person histories are built from (a subset of
    /// ``PersonHistoryAssembler/sources``); the others stay empty and are never read.
    var historySources: [String] { get }
}

extension PersonLevelStage {
    public var name: String { declaration.name }
    public var inputs: [String] { declaration.inputs }
    public var parameters: [String: String] { declaration.parameters }

    /// From the normalise stage: the history sources and, of the keyed ones, their replaced
    /// versions (a nightly `spells` reads those); of any other input, any table.
    public func tablesRead(from input: String) -> Set<String>? {
        input == normaliseStage ? Normaliser.tablesRead(of: historySources) : nil
    }

    /// The upstream normalise stage (parameter `normalise`, default `normalise`).
    var normaliseStage: String { parameters["normalise"] ?? "normalise" }

    /// The normalised tables of the run, split into partitions by pnr.
    func assembler(_ context: StageContext) throws -> PersonHistoryAssembler {
        var tables: [String: Table] = [:]
        for s in historySources { tables[s] = try context.table(normaliseStage, s) }
        let partitions = parameters["partitions"].flatMap(Int.init) ?? Parallel.width * 8
        return PersonHistoryAssembler(tables: tables, partitions: partitions, progress: context.progress)
    }
}
