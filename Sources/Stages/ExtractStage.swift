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
///
/// With the cache the checkpoint is the deliveries' cache entries' record batches copied
/// (``CachedExtractTable``): the table is neither built in memory nor compressed again. When
/// the previous month's run folder of the output folder holds this stage's checkpoint over the
/// same delivery files (``previousCheckpoint(_:deliveries:records:)``), a nightly run copies
/// that one's batches plus the new deliveries' entries (counter `rows_carried_over`). Its
/// values are the same as a cold run's; its bytes differ (the batches are laid out
/// differently).
public struct ExtractStage: Stage {
    public let name: String
    public let inputs: [String] = []
    public let parameters: [String: String]
    /// The code version; also part of the delivery cache keys.
    static let version = "extract-3"
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
    /// Yes: a nightly run of the next month verifies the checkpoint by its content hash before it
    /// copies its record batches (``previousCheckpoint(_:deliveries:records:)``).
    public var hashesCheckpoints: Bool { true }

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
        let progress: @Sendable (ExtractProgress) -> Void = { p in
            reporter.update(done: p.bytes >> 20, total: p.totalBytes >> 20, unit: "MB (\(p.files)/\(p.totalFiles) files)")
        }
        let month = context.month, layout = self.layout
        // Size and content hash of every delivery, for run.json (and the carry-over below); a
        // folder that cannot be listed is the extract's refusal below.
        let list = (try? extractor.deliveries(of: layout, upTo: month)) ?? []
        let records = try Self.records(list.map(\.path))

        // With the cache, every delivery is parsed into its cache entry (or found there) and the
        // checkpoint is the entries' record batches copied (CachedExtractTable): the table is
        // neither built in memory nor compressed a second time. A nightly run copies the previous
        // month's checkpoint for every delivery but the new ones, when it holds exactly their rows.
        if writesCheckpoints, extractor.cache != nil,
           let cached = extractor.cachedExtract(layout, deliveries: list, progress: progress) {
            let previous = previousCheckpoint(context, deliveries: list, records: records).flatMap { p in
                cached.entries.prefix(p.deliveries).reduce(0, { $0 + $1.rows }) == p.rows ? p : nil
            }
            let folder = extractor.cache as? DeliveryCacheFolder
            let table = CachedExtractTable(previous: previous, extract: cached,
                                           unchangedSinceWritten: { folder?.isUnchangedSinceWritten($0) ?? false }) { [extractor] in
                extractor.extract(layout, upTo: month).table
            }
            return try result(tables: [:], encoded: [layout.name: table], deliveries: cached.deliveries,
                              records: records, rejects: cached.rejects, refusals: [], cache: extractor.cache,
                              carriedOver: previous?.rows, context)
        }
        let extract = extractor.extract(layout, upTo: month, progress: progress)
        let read = extract.deliveries.map(\.path)
        return try result(tables: [layout.name: extract.table], encoded: [:], deliveries: extract.deliveries,
                          records: read == list.map(\.path) ? records : try Self.records(read),
                          rejects: extract.rejects, refusals: extract.refusals, cache: extractor.cache, context)
    }

    /// Size and content hash of each file.
    static func records(_ paths: [String]) throws -> [FileRecord] {
        try Parallel.tryMap(paths.count) { i in try FileRecord.of(fileAt: URL(fileURLWithPath: paths[i])) }
    }

    /// This stage's checkpoint in the previous month's run folder of the same output folder, when
    /// it holds exactly the rows of this month's first deliveries: that run extracted with this
    /// code version and parameters, refused nothing, recorded the same delivery files (size and
    /// content hash) as this month's deliveries up to its month, and the checkpoint is the one
    /// its run.json records (size and embedded fingerprint, as the up-to-date check trusts it).
    /// When the record holds the file's content hash, the file must have that content, and its
    /// buffers are then copied without being decompressed (`verified`); an older record's file is
    /// checked buffer by buffer while it is copied.
    func previousCheckpoint(_ context: StageContext, deliveries: [Delivery],
                            records: [FileRecord]) -> CachedExtractTable.Previous? {
        guard let previous = PreviousMonthRun(context),
              let record = previous.record(of: name, codeVersion: codeVersion, parameters: parameters),
              let table = record.tables[layout.name], let rows = record.rowsOut[layout.name] else { return nil }
        let k = previous.deliveryCount(deliveries)
        var expected: [String: FileRecord] = [:]
        for i in 0..<k { expected["\(layout.name)/\(deliveries[i].file)"] = records[i] }
        guard record.inputs == expected else { return nil }
        let store = previous.store
        let verified = table.hash != nil
        if verified {
            guard store.contentMismatch(stage: name, table: layout.name, record: table) == nil else { return nil }
        } else {
            guard store.mismatch(stage: name, table: layout.name, record: table) == nil else { return nil }
        }
        return .init(url: store.url(stage: name, table: layout.name), rows: rows, deliveries: k, verified: verified)
    }

    /// The stage's result for an extract of `deliveries`; writes (or removes) the rejects file.
    private func result(tables: [String: Table], encoded: [String: any EncodedTable], deliveries: [DeliveryInfo],
                        records: [FileRecord], rejects: [Reject], refusals: [Refusal], cache: (any DeliveryCache)?,
                        carriedOver: Int? = nil, _ context: StageContext) throws -> StageResult {
        let rejectsFile = context.rejectsDirectory.appendingPathComponent("\(layout.name).csv")
        // A corrected delivery must not leave an old rejects file behind, and a refused source
        // whose partial data is not accepted writes none: its extract is not used.
        let accepted = refusals.isEmpty || context.acceptPartial
        if rejects.isEmpty || !accepted {
            try? FileManager.default.removeItem(at: rejectsFile)
        } else {
            try AtomicFile.write(RejectWriter.table(rejects).data, to: rejectsFile)
        }
        var inputFiles: [String: FileRecord] = [:]
        for (d, r) in zip(deliveries, records) { inputFiles["\(layout.name)/\(d.file)"] = r }

        let dataLines = deliveries.reduce(0) { $0 + $1.dataLines }
        var counters = ["deliveries": deliveries.count]
        counters["bytes_inflated"] = deliveries.reduce(0) { $0 + $1.inflatedBytes }
        if cache != nil { counters["deliveries_cached"] = deliveries.filter(\.cached).count }
        // Rows whose record batches were copied from the previous month's checkpoint.
        if let carriedOver { counters["rows_carried_over"] = carriedOver }
        return StageResult(
            tables: tables,
            encodedTables: encoded,
            rowsIn: dataLines,
            counters: counters,
            rejects: [layout.name: accepted ? rejects.count : 0],
            refusals: refusals.map(\.description),
            inputFiles: inputFiles)
    }
}

