import ColumnStore
import Foundation
import Pipeline
import Publishing
import YdelseIO

/// Stage kind `extract` (one per source, parameter `source`): reads every
/// delivery of the source up to the reporting month into a typed table
/// (`checkpoints/extract_<source>/<source>.arrow`), writes the bad records
/// to `rejects/<source>.csv`, and reports deliveries refused whole.
///
/// Its input fingerprint covers the delivery files (names, sizes, times and
/// sampled content), so a corrected delivery reruns this stage and everything
/// downstream of it.
///
/// Deliveries parsed by an earlier run of the same output folder (any month)
/// come from the shared cache `OUT/.cache/extract/<source>/`
/// (``DeliveryCacheFolder``): a month's run parses only the deliveries that are
/// new or changed. The table, rejects and counts are the same as without the
/// cache. Parameter `cache = "off"` parses every delivery.
public struct ExtractStage: Stage {
    public let name: String
    public let inputs: [String] = []
    public let parameters: [String: String]
    /// The code version; also part of the delivery cache keys.
    static let version = "extract-2"
    public let codeVersion = ExtractStage.version
    let layout: SourceLayout

    public var outputs: [String] { [layout.name] }
    /// With parameter `checkpoint = "off"` (and the delivery cache on) the table is not written
    /// as a checkpoint: the cache holds the parsed deliveries, and building the table from it again
    /// when a later run needs it is cheaper than compressing and storing it every month (1.9 of a
    /// month's 3.7 GB at 1,000,000 persons). Off by default: OUTPUTS.md lists every stage's tables
    /// under `checkpoints/`.
    public var writesCheckpoints: Bool { parameters["checkpoint"] != "off" || parameters["cache"] == "off" }
    /// No: `normalise`, the one stage that reads an extract table, reads it back from the
    /// checkpoint when its turn comes, instead of the runner holding every source's extract table
    /// until normalise is done (9 GB at 1,000,000 persons). Reading back costs a decompression.
    public var keepsTablesInMemory: Bool { false }

    public init(declaration: StageDeclaration) throws {
        name = declaration.name
        parameters = declaration.parameters
        guard let source = declaration.parameters["source"] else {
            throw StageSetupError(stage: declaration.name, message: "missing parameter `source`")
        }
        guard let l = SourceCatalog.layout(named: source) else {
            throw StageSetupError(stage: declaration.name, message: "unknown source `\(source)` (known: \(SourceCatalog.all.map(\.name).joined(separator: ", ")))")
        }
        layout = l
    }

    public func inputFingerprint(_ context: StageContext) throws -> Fingerprint? {
        let files = try SourceExtractor(dataDirectory: context.dataDirectory.path).deliveries(of: layout, upTo: context.month)
        return try Fingerprint.files(files.map { URL(fileURLWithPath: $0.path) })
    }

    /// The source's delivery set (``DeliverySetCheck``): folder present, one delivery for every
    /// month from the first to M, no misnamed file.
    public func checkInputs(_ context: StageContext) throws -> [String] {
        try DeliverySetCheck(dataDirectory: context.dataDirectory.path).problems(of: layout, upTo: context.month)
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let reporter = context.progress
        var extractor = SourceExtractor(dataDirectory: context.dataDirectory.path)
        if parameters["cache"] != "off" {
            let cache = DeliveryCacheFolder(outputDirectory: context.runDirectory.deletingLastPathComponent(),
                                            layout: layout, codeVersion: codeVersion)
            cache.removeAbandonedTemporaryFiles()
            extractor.cache = cache
        }
        let extract = extractor.extract(layout, upTo: context.month) { p in
            reporter.update(done: p.bytes >> 20, total: p.totalBytes >> 20, unit: "MB (\(p.files)/\(p.totalFiles) files)")
        }
        let rejectsFile = context.rejectsDirectory.appendingPathComponent("\(layout.name).csv")
        // A corrected delivery must not leave an old rejects file behind, and a refused source
        // whose partial data is not accepted writes none: its extract is not used.
        let accepted = extract.refusals.isEmpty || context.acceptPartial
        if extract.rejects.isEmpty || !accepted {
            try? FileManager.default.removeItem(at: rejectsFile)
        } else {
            try AtomicFile.write(RejectWriter.table(extract.rejects).data, to: rejectsFile)
        }
        // Size and content hash of every delivery read, for run.json.
        let deliveries = extract.deliveries
        let records = try Parallel.tryMap(deliveries.count) { i in
            try FileRecord.of(fileAt: URL(fileURLWithPath: deliveries[i].path))
        }
        var inputFiles: [String: FileRecord] = [:]
        for (d, r) in zip(deliveries, records) { inputFiles["\(layout.name)/\(d.file)"] = r }

        let dataLines = extract.deliveries.reduce(0) { $0 + $1.dataLines }
        var counters = ["deliveries": extract.deliveries.count]
        counters["bytes_inflated"] = extract.deliveries.reduce(0) { $0 + $1.inflatedBytes }
        if extractor.cache != nil { counters["deliveries_cached"] = extract.deliveries.filter(\.cached).count }
        return StageResult(
            tables: [layout.name: extract.table],
            rowsIn: dataLines,
            counters: counters,
            rejects: [layout.name: accepted ? extract.rejects.count : 0],
            refusals: extract.refusals.map(\.description),
            inputFiles: inputFiles)
    }
}
