import ColumnStore
import Foundation
import Pipeline
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
    public let codeVersion = "extract-1"
    let layout: SourceLayout

    public var outputs: [String] { [layout.name] }

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

    public func run(_ context: StageContext) throws -> StageResult {
        var extractor = SourceExtractor(dataDirectory: context.dataDirectory.path)
        if parameters["cache"] != "off" {
            let cache = DeliveryCacheFolder(outputDirectory: context.runDirectory.deletingLastPathComponent(),
                                            layout: layout, codeVersion: codeVersion)
            cache.removeAbandonedTemporaryFiles()
            extractor.cache = cache
        }
        let extract = extractor.extract(layout, upTo: context.month)
        let rejectsFile = context.rejectsDirectory.appendingPathComponent("\(layout.name).csv")
        if extract.rejects.isEmpty {
            // A corrected delivery must not leave an old rejects file behind.
            try? FileManager.default.removeItem(at: rejectsFile)
        } else {
            try RejectWriter.write(extract.rejects, source: layout.name, rejectsDirectory: context.rejectsDirectory.path)
        }
        let dataLines = extract.deliveries.reduce(0) { $0 + $1.dataLines }
        var counters = ["deliveries": extract.deliveries.count]
        counters["bytes_inflated"] = extract.deliveries.reduce(0) { $0 + $1.inflatedBytes }
        if extractor.cache != nil { counters["deliveries_cached"] = extract.deliveries.filter(\.cached).count }
        return StageResult(
            tables: [layout.name: extract.table],
            rowsIn: dataLines,
            counters: counters,
            rejects: [layout.name: extract.rejects.count],
            refusals: extract.refusals.map(\.description))
    }
}
