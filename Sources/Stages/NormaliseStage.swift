import ColumnStore
import Foundation
import Pipeline
import YdelseIO

/// Stage `normalise`: reads every extract stage's table and writes one
/// normalised table per source (`checkpoints/normalise/<source>.arrow`):
/// later versions of keyed records replace earlier ones, and rows are sorted
/// by pnr (see ``Normaliser``). Sources are processed in parallel.
///
/// With parameter `superseded_months = N` it also writes, for every keyed source,
/// `<source>_versioner`: the replaced versions that were the version known in one of the N
/// months before M, with `kendt_til` (CONV-3: what a run of such a month would have used; the
/// focus measure's earlier months are read from them).
///
/// When the previous month's run folder of the output folder holds this stage's outputs made
/// from the same deliveries up to M-1 (``previousOutputs(_:deliveries:)``), a source's tables are
/// those merged with the rows of M's new deliveries (``Normaliser/normalise(previous:new:layout:superseded:)``,
/// counter `rows_carried_over`) instead of the whole extract table being sorted again: the same
/// tables, for a fraction of the work.
public struct NormaliseStage: Stage {
    public let name: String
    public let inputs: [String]
    public let parameters: [String: String]
    public let codeVersion = "normalise-3"
    /// The counter of a nightly run's sources normalised whole instead of merged with M-1's table.
    static let sourcesNormalisedWhole = "sources_normalised_whole"
    /// Source layouts read, one per input extract stage (`extract_<source>`).
    let sources: [(stage: String, layout: SourceLayout)]
    /// The months before M whose replaced versions are kept (0: none).
    let supersededMonths: Int

    public var outputs: [String] {
        sources.map(\.layout.name) + (supersededMonths > 0 ? sources.filter { $0.layout.key != nil }.map { Normaliser.supersededName($0.layout.name) } : [])
    }

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
        let months = declaration.parameters["superseded_months"] ?? "0"
        guard let n = Int(months), n >= 0 else {
            throw StageSetupError(stage: declaration.name, message: "parameter `superseded_months` must be a whole number of months, not '\(months)'")
        }
        supersededMonths = n
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let layouts = sources.map(\.layout)
        let progress = context.progress
        let extractor = SourceExtractor(dataDirectory: context.dataDirectory.path)
        let deliveries = try layouts.map { try extractor.deliveries(of: $0, upTo: context.month) }
        var superseded: [Normaliser.Superseded?] = layouts.map { _ in nil }
        if supersededMonths > 0 {
            let months = context.month.advanced(by: -supersededMonths)...context.month.advanced(by: -1)
            for (i, l) in layouts.enumerated() where l.key != nil {
                superseded[i] = Normaliser.Superseded(deliveryMonths: deliveries[i].map(\.month), months: months)
            }
        }
        // Two lanes side by side, each one source at a time: the large sources (each at least an
        // eighth of the delivery bytes), largest first, and the others. An extract table is read
        // (from its checkpoint, see ExtractStage.keepsTablesInMemory) only when its turn comes and
        // is freed when its normalised table is done, so at most one large source's extract and
        // normalised tables are in memory besides the finished ones (at 1,000,000 persons two
        // large sources at once made normalise the run's memory peak).
        let bytes = deliveries.map { files in
            files.reduce(0) { total, d in total + ((try? FileManager.default.attributesOfItem(atPath: d.path)[.size] as? Int) ?? 0) }
        }
        let order = layouts.indices.sorted { (bytes[$0], $1) > (bytes[$1], $0) }
        let total = bytes.reduce(0, +)
        let lanes = [order.filter { bytes[$0] * 8 >= total }, order.filter { bytes[$0] * 8 < total }]
        let keep = superseded, stages = sources.map(\.stage)
        // A nightly run: month M-1's normalised tables of the same deliveries, merged with the
        // rows of the new deliveries, instead of the whole history sorted again.
        let previous = previousOutputs(context, deliveries: deliveries)
        // `carried`: the rows of M-1's table merged, nil when the source was normalised whole.
        let normalise = { @Sendable (i: Int) -> (Int, Result<(Normaliser.Outcome, carried: Int?), any Error>) in
            let o = Result { () throws -> (Normaliser.Outcome, carried: Int?) in
                if let p = previous[i], let done = normaliseFromPrevious(context, i, p, superseded: keep[i]) { return done }
                return (try Normaliser.normalise(context.table(stages[i], layouts[i].name), layout: layouts[i], superseded: keep[i]), nil)
            }
            progress.advance(total: layouts.count, unit: "sources")
            return (i, o)
        }
        // When every source merges M-1's table (a nightly run) no whole extract table is read and
        // M-1's arrays become M's: the memory bound of the lanes does not apply, and two workers
        // take the sources largest first from one queue (at 1,000,000 persons the large lane alone
        // took 13.5 s, the other 6 s).
        let outcomes = previous.count == layouts.count
            ? Parallel.lanes(lanes.count, pulling: order.count) { normalise(order[$0]) }
            : Parallel.lanes(lanes.count) { lane in lanes[lane].map(normalise) }.flatMap { $0 }
        var tables: [String: Table] = [:]
        var counters: [String: Int] = [:]
        var carried = 0, whole = 0
        for (i, result) in outcomes.sorted(by: { $0.0 < $1.0 }) {
            let (o, c) = try result.get()
            if let c { carried += c } else { whole += 1 }
            tables[layouts[i].name] = o.table
            if let old = o.superseded { tables[Normaliser.supersededName(layouts[i].name)] = old }
            if o.replaced > 0 { counters["replaced_\(layouts[i].name)"] = o.replaced }
        }
        // Rows of M-1's normalised tables merged with the new rows (a nightly run), and how many
        // sources were normalised whole instead (0: every table is M-1's plus M's deliveries,
        // which the nightly `spells` stage relies on).
        if !previous.isEmpty {
            counters["rows_carried_over"] = carried
            counters[Self.sourcesNormalisedWhole] = whole
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
