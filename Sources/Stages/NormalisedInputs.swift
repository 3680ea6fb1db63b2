import ColumnStore
import Pipeline

/// Loads the normalised tables a person-level stage needs from the `normalise` stage.
enum NormalisedInputs {
    static func assembler(_ context: StageContext, upstream: String, partitions: Int) throws -> PersonHistoryAssembler {
        var tables: [String: Table] = [:]
        for s in PersonHistoryAssembler.sources { tables[s] = try context.table(upstream, s) }
        return PersonHistoryAssembler(tables: tables, partitions: partitions)
    }

    /// Partition count: parameter `partitions`, else 8 per core.
    static func partitions(_ parameters: [String: String]) -> Int {
        parameters["partitions"].flatMap(Int.init) ?? Parallel.width * 8
    }
}
