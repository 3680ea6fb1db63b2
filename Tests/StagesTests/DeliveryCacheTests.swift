import ArrowIPC
import ColumnStore
import Foundation
import Pipeline
import Stages
import Testing
import YdelseIO

/// The shared delivery cache of the extract stages (`OUT/.cache/extract`, issue 11):
/// runs that take deliveries from it write exactly what a run parsing every delivery
/// writes; a changed delivery, a damaged entry and a refused delivery are never trusted.
@Suite(.serialized) struct DeliveryCacheTests {
    static let previous = "2020-09"
    static let month = "2020-10"
    static let extractStages = SourceCatalog.all.map { "extract_\($0.name)" }

    /// Every checkpoint and rejects file of a run folder: relative path -> bytes. Extract
    /// checkpoints are written again from their values (`canonical`): a nightly run's copies
    /// the previous month's record batches, laid out differently from a cold run's.
    static func outputs(_ runDir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for sub in ["checkpoints", "rejects", "measures", "published", "report"] {
            let dir = runDir.appendingPathComponent(sub)
            guard let e = FileManager.default.enumerator(atPath: dir.path) else { continue }
            for case let path as String in e where path.hasSuffix(".arrow") || path.hasSuffix(".csv") || path.hasSuffix(".html") {
                let url = dir.appendingPathComponent(path)
                out["\(sub)/\(path)"] = path.hasPrefix("extract_") ? try canonical(url) : try Data(contentsOf: url)
            }
        }
        return out
    }

    /// The Arrow file's table and metadata as ``ArrowFileWriter`` writes them.
    static func canonical(_ url: URL) throws -> Data {
        let (table, metadata) = try ArrowFileReader.read(from: url), copy = try makeTempDirectory("canonical").appendingPathComponent("t.arrow")
        try ArrowFileWriter.write(table, to: copy, metadata: metadata, compression: .checkpointDefault, durable: false)
        return try Data(contentsOf: copy)
    }

    static func counter(_ report: RunReport, _ stage: String, _ name: String) -> Int? {
        report.stages.first { $0.name == stage }?.counters[name]
    }

    static func cacheEntries(_ out: URL, _ source: String) throws -> [String] {
        let dir = out.appendingPathComponent(".cache/extract/\(source)")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".arrow") }.sorted()
    }

    static func expectIdentical(_ a: [String: Data], _ b: [String: Data], sourceLocation: SourceLocation = #_sourceLocation) {
        // Every checkpoint the pipeline declares, plus the measure, published and report files.
        #expect(a.keys.filter { $0.hasPrefix("checkpoints/") }.count == (try? declaredCheckpoints().count), sourceLocation: sourceLocation)
        #expect(a.keys.contains("published/jobsamtaler.csv") && a.keys.contains("report/index.html"), sourceLocation: sourceLocation)
        #expect(a.keys.sorted() == b.keys.sorted(), sourceLocation: sourceLocation)
        let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(differing.isEmpty, "files differ: \(differing)", sourceLocation: sourceLocation)
    }

    @Test("cold run, nightly run (M after M-1 from the cache) and run after a delivery changed in place write identical files")
    func cachedRunsWriteIdenticalOutputs() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "cache")
        let m = ym(Self.month)

        // Cold: a fresh output folder, every delivery parsed (and kept).
        let coldOut = try makeTempDirectory("cache-cold")
        let cold = try await runPipeline(data: data, out: coldOut, month: m)
        for s in Self.extractStages { #expect(Self.counter(cold, s, "deliveries_cached") == 0, "\(s)") }

        // Nightly: month M-1, then M in the same folder; M parses only its own deliveries.
        let out = try makeTempDirectory("cache-nightly")
        let previous = try await runPipeline(data: data, out: out, month: ym(Self.previous))
        let nightly = try await runPipeline(data: data, out: out, month: m)
        for s in Self.extractStages {
            let deliveries = try #require(Self.counter(nightly, s, "deliveries"))
            #expect(Self.counter(nightly, s, "deliveries_cached") == deliveries - 1, "\(s)")
            // M-1's checkpoint was carried over: its record batches, not a table built again.
            let source = String(s.dropFirst("extract_".count))
            #expect(Self.counter(nightly, s, "rows_carried_over") == previous.stages.first { $0.name == s }?.rowsOut[source], "\(s)")
            #expect(Self.counter(cold, s, "rows_carried_over") == nil, "\(s)")
        }
        // Normalise merged M-1's normalised tables with the new rows, for every source.
        #expect(Self.counter(nightly, "normalise", "rows_carried_over") == Self.normalisedRows(previous))
        #expect(Self.counter(cold, "normalise", "rows_carried_over") == nil)
        #expect(Self.counter(nightly, "normalise", "sources_normalised_whole") == 0)
        // Spells kept M-1's rows of the persons whose rows did not change (SpellCarryOver).
        #expect((Self.counter(nightly, "spells", "persons_carried_over") ?? 0) > 0)
        #expect(Self.counter(cold, "spells", "persons_carried_over") == nil)
        Self.expectIdentical(try Self.outputs(cold.runDirectory), try Self.outputs(nightly.runDirectory))

        // A delivery already in the cache changed in place (a line added, trailer fixed),
        // its modification time set back as `cp -p` or `touch -r` would.
        let ky = data.appendingPathComponent("ky/ky_202001.csv.gz")
        let mtime = try #require(try FileManager.default.attributesOfItem(atPath: ky.path)[.modificationDate] as? Date)
        #expect(try Self.cacheEntries(out, "ky").filter { $0.hasPrefix("ky_202001.csv.gz.") }.count == 1)
        try RunnerBehaviourTests.appendKyLine(ky, "9999999997;KH;;2020-01-06;2020-01-24;101;N")
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: ky.path)

        let changed = try await runPipeline(data: data, out: out, month: m)
        let kyDeliveries = try #require(Self.counter(changed, "extract_ky", "deliveries"))
        #expect(Self.counter(changed, "extract_ky", "deliveries_cached") == kyDeliveries - 1)
        // M-1's ky checkpoint holds the old ky_202001: not carried over (its run.json records
        // another content hash); the other sources' checkpoints are.
        #expect(Self.counter(changed, "extract_ky", "rows_carried_over") == nil)
        #expect(Self.counter(changed, "extract_fleur", "rows_carried_over") != nil)
        // Likewise M-1's normalised ky table: made from the old delivery, so ky is normalised whole.
        #expect(Self.counter(changed, "normalise", "rows_carried_over") == Self.normalisedRows(previous, except: "ky"))
        // M's ky table is not M-1's plus M's delivery, so spells computes every person.
        #expect(Self.counter(changed, "normalise", "sources_normalised_whole") == 1)
        #expect(Self.counter(changed, "spells", "persons_carried_over") == nil)
        let changedCold = try await runPipeline(data: data, out: try makeTempDirectory("cache-cold2"), month: m)
        let changedFiles = try Self.outputs(changed.runDirectory)
        Self.expectIdentical(changedFiles, try Self.outputs(changedCold.runDirectory))
        // The change is really in the outputs, and the old entry was replaced, not kept beside.
        // (Extract stages keep no checkpoint with the cache on; ky has no key, so normalise keeps every row.)
        #expect(changedFiles["checkpoints/normalise/ky.arrow"] != (try Self.outputs(cold.runDirectory))["checkpoints/normalise/ky.arrow"])
        #expect(changed.stages.first { $0.name == "extract_ky" }!.rowsOut["ky"] == cold.stages.first { $0.name == "extract_ky" }!.rowsOut["ky"]! + 1)
        #expect(try ArrowFileReader.read(from: changed.runDirectory.appendingPathComponent("checkpoints/normalise/ky.arrow"))
            .table.rowCount == cold.stages.first { $0.name == "normalise" }!.rowsOut["ky"]! + 1)
        #expect(try Self.cacheEntries(out, "ky").filter { $0.hasPrefix("ky_202001.csv.gz.") }.count == 1)
    }

    @Test("a truncated, emptied or foreign cache entry is detected and rebuilt, not trusted")
    func damagedEntriesAreRebuilt() async throws {
        let data = Repo.sampleData
        let m = ym(Self.month)
        let out = try makeTempDirectory("cache-damaged")
        _ = try await runPipeline(data: data, out: out, month: ym(Self.previous))

        let cache = out.appendingPathComponent(".cache/extract")
        func entry(_ source: String, _ file: String) throws -> URL {
            let name = try #require(try Self.cacheEntries(out, source).first { $0.hasPrefix(file + ".") })
            return cache.appendingPathComponent("\(source)/\(name)")
        }
        let truncated = try entry("ky", "ky_202001.csv.gz")
        let emptied = try entry("fleur", "fleur_202003.dat.gz")
        let foreign = try entry("taeller", "taeller_201905.csv.gz")
        let originals = try [truncated, emptied, foreign].map { try Data(contentsOf: $0) }
        // Cut in the middle of its record batches (as a power loss might), emptied, replaced.
        try originals[0].prefix(originals[0].count / 2).write(to: truncated)
        try Data().write(to: emptied)
        try ArrowFileWriter.write(Table(columns: [Column(name: "x", data: .int64([1, 2, 3]))]), to: foreign)

        let run = try await runPipeline(data: data, out: out, month: m)
        for s in ["extract_ky", "extract_fleur", "extract_taeller"] {
            let deliveries = try #require(Self.counter(run, s, "deliveries"))
            #expect(Self.counter(run, s, "deliveries_cached") == deliveries - 2, "\(s): the damaged entry and month M parsed")
        }
        // Rebuilt with the same bytes as before, and the outputs are a cold run's.
        for (url, original) in zip([truncated, emptied, foreign], originals) {
            #expect(try Data(contentsOf: url) == original, "\(url.lastPathComponent)")
        }
        let cold = try await runPipeline(data: data, out: try makeTempDirectory("cache-damaged-cold"), month: m)
        Self.expectIdentical(try Self.outputs(run.runDirectory), try Self.outputs(cold.runDirectory))
    }

    /// Runs M-1, damages its checkpoint `checkpoint` in place, runs M in the same folder and
    /// expects M's files to be a cold run's; returns M-1's and M's reports.
    static func nightlyAfterDamaging(_ checkpoint: String, tag: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) async throws -> (previous: RunReport, run: RunReport) {
        let data = Repo.sampleData
        let out = try makeTempDirectory("cache-damaged-\(tag)")
        let previous = try await runPipeline(data: data, out: out, month: ym(Self.previous))
        try Self.damageInPlace(previous.runDirectory.appendingPathComponent(checkpoint))
        let run = try await runPipeline(data: data, out: out, month: ym(Self.month))
        let cold = try await runPipeline(data: data, out: try makeTempDirectory("cache-damaged-\(tag)-cold"), month: ym(Self.month))
        Self.expectIdentical(try Self.outputs(run.runDirectory), try Self.outputs(cold.runDirectory), sourceLocation: sourceLocation)
        return (previous, run)
    }

    @Test("a previous month's checkpoint damaged after its run (same size) is not carried over: the month is still right")
    func damagedPreviousCheckpointIsNotCopied() async throws {
        let (_, run) = try await Self.nightlyAfterDamaging("checkpoints/extract_ky/ky.arrow", tag: "previous")
        #expect(run.stages.first { $0.name == "extract_ky" }?.status == .ran)
        #expect(Self.counter(run, "extract_ky", "rows_carried_over") == nil)
        #expect(Self.counter(run, "extract_fleur", "rows_carried_over") != nil)
    }

    @Test("a previous month's spells table damaged after its run (same size) is not kept: every person is computed")
    func damagedPreviousSpellsAreNotKept() async throws {
        let (_, run) = try await Self.nightlyAfterDamaging("checkpoints/spells/forloeb.arrow", tag: "spells")
        #expect(Self.counter(run, "normalise", "sources_normalised_whole") == 0)
        #expect(Self.counter(run, "spells", "persons_carried_over") == nil)
    }

    @Test("month after month, each nightly run writes what a cold run of the month writes (spells kept from M-1 included)")
    func nightlyMonthAfterMonth() async throws {
        let data = Repo.sampleData
        let out = try makeTempDirectory("cache-month-after-month")
        _ = try await runPipeline(data: data, out: out, month: ym("2020-05"))
        var carried = 0
        for m in ym("2020-06")...ym(Self.previous) {
            let nightly = try await runPipeline(data: data, out: out, month: m)
            #expect(Self.counter(nightly, "normalise", "sources_normalised_whole") == 0, "\(m)")
            carried += Self.counter(nightly, "spells", "persons_carried_over") ?? 0
            let cold = try await runPipeline(data: data, out: try makeTempDirectory("cache-month-after-month-cold"), month: m)
            Self.expectIdentical(try Self.outputs(nightly.runDirectory), try Self.outputs(cold.runDirectory))
        }
        #expect(carried > 0)
    }

    @Test("run.json records an extract checkpoint's content hash; a file damaged in place keeps its size and fingerprint but not its content")
    func checkpointContentHashes() async throws {
        let out = try makeTempDirectory("cache-content-hash")
        let run = try await runPipeline(data: Repo.sampleData, out: out, month: ym(Self.previous))
        let store = CheckpointStore(runDirectory: run.runDirectory, codec: ArrowCheckpointCodec())
        let manifest = try #require(try RunManifest.load(from: run.runDirectory.appendingPathComponent(RunManifest.fileName)))
        let record = try #require(manifest[stage: "extract_ky"]?.tables["ky"])
        let url = store.url(stage: "extract_ky", table: "ky")
        #expect(record.hash == (try FileRecord.of(fileAt: url)).hash)
        // Only the stages whose checkpoints a later month copies hash them (Stage.hashesCheckpoints).
        #expect(manifest[stage: "spells"]?.tables["forloeb"].map { $0.hash == nil } == true)
        #expect(store.contentMismatch(stage: "extract_ky", table: "ky", record: record) == nil)
        try Self.damageInPlace(url)
        #expect(store.mismatch(stage: "extract_ky", table: "ky", record: record) == nil)
        #expect(store.contentMismatch(stage: "extract_ky", table: "ky", record: record) != nil)
        var old = record
        old.hash = nil
        #expect(store.contentMismatch(stage: "extract_ky", table: "ky", record: old)?.contains("no content hash") == true)
    }

    /// Flips a byte in the middle of a checkpoint (inside a record batch's compressed buffers):
    /// same size, same metadata, as a disk error after the run would leave it.
    static func damageInPlace(_ url: URL) throws {
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: url)
    }

    /// Rows of the normalised tables (not the replaced versions) of a run, but `except`'s.
    static func normalisedRows(_ run: RunReport, except: String? = nil) -> Int {
        let rows = run.stages.first { $0.name == "normalise" }?.rowsOut ?? [:]
        return rows.filter { !$0.key.hasSuffix("_versioner") && $0.key != except }.values.reduce(0, +)
    }

    @Test("a previous month's normalised table damaged after its run (same size) is not merged: that source is normalised whole")
    func damagedPreviousNormalisedTableIsNotUsed() async throws {
        let (previous, run) = try await Self.nightlyAfterDamaging("checkpoints/normalise/samtale.arrow", tag: "normalised")
        #expect(Self.counter(run, "normalise", "rows_carried_over") == Self.normalisedRows(previous, except: "samtale"))
    }

    /// A data folder holding one broken fixture case.
    static func fixture(_ name: String) throws -> URL {
        try copyDataDirectory(Repo.brokenFixtures.appendingPathComponent(name), tag: "cache-\(name)")
    }

    @Test("a refused delivery is never cached: the second extract refuses it again with the same message",
          arguments: ["refuse-truncated-gzip", "refuse-wrong-trailer-count", "refuse-fleur-missing-trailer"])
    func refusedDeliveriesAreNotCached(name: String) throws {
        let data = try Self.fixture(name)
        let source = try #require(try FileManager.default.contentsOfDirectory(atPath: data.path).first)
        let layout = try #require(SourceCatalog.layout(named: source))
        let out = try makeTempDirectory("cache-refused-out")
        var extractor = SourceExtractor(dataDirectory: data.path)
        let plain = extractor.extract(layout, upTo: ym("2021-12"))
        extractor.cache = DeliveryCacheFolder(outputDirectory: out, layout: layout, codeVersion: "test")
        let first = extractor.extract(layout, upTo: ym("2021-12"))
        let second = extractor.extract(layout, upTo: ym("2021-12"))
        #expect(!plain.refusals.isEmpty)
        #expect(first.refusals == plain.refusals && second.refusals == plain.refusals)
        #expect(second.deliveries.allSatisfy { !$0.cached })
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(".cache/extract/\(source)").path)) ?? []
        #expect(entries.isEmpty)
        expectSameTable(second.table, plain.table)
    }

    @Test("a delivery with rejects comes from the cache with the same rows, rejects and counts",
          arguments: ["reject-bad-date", "reject-invalid-utf8", "reject-record-length", "reject-uh-after-2025"])
    func rejectsComeBackFromTheCache(name: String) throws {
        let data = try Self.fixture(name)
        let source = try #require(try FileManager.default.contentsOfDirectory(atPath: data.path).first)
        let layout = try #require(SourceCatalog.layout(named: source))
        let out = try makeTempDirectory("cache-rejects-out")
        var extractor = SourceExtractor(dataDirectory: data.path)
        let plain = extractor.extract(layout, upTo: ym("2025-12"))
        extractor.cache = DeliveryCacheFolder(outputDirectory: out, layout: layout, codeVersion: "test")
        _ = extractor.extract(layout, upTo: ym("2025-12"))
        let cached = extractor.extract(layout, upTo: ym("2025-12"))
        #expect(plain.rejects.count == 1)
        #expect(cached.deliveries.map(\.cached) == [true])
        #expect(cached.rejects == plain.rejects)
        #expect(cached.refusals.isEmpty)
        var infos = cached.deliveries
        for i in infos.indices { infos[i].cached = false }
        #expect(infos == plain.deliveries)
        expectSameTable(cached.table, plain.table)
    }

    @Test("temporary files of a killed writer are swept after an hour, a live writer's are kept")
    func abandonedTemporaryFilesAreSwept() throws {
        let layout = try #require(SourceCatalog.layout(named: "ky"))
        let out = try makeTempDirectory("cache-sweep")
        let cache = DeliveryCacheFolder(outputDirectory: out, layout: layout, codeVersion: "test")
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
        let old = cache.directory.appendingPathComponent("ky_202001.csv.gz.0123.arrow.99.7.tmp")
        let fresh = cache.directory.appendingPathComponent("ky_202002.csv.gz.4567.arrow.98.6.tmp")
        try Data([1, 2, 3]).write(to: old)
        try Data([1, 2, 3]).write(to: fresh)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: old.path)
        cache.removeAbandonedTemporaryFiles()
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: fresh.path))
    }

    @Test("two extracts sharing one cache folder at the same time both read correctly")
    func concurrentUsersShareTheCache() throws {
        let layout = try #require(SourceCatalog.layout(named: "ky"))
        let out = try makeTempDirectory("cache-concurrent")
        let plain = SourceExtractor(dataDirectory: Repo.sampleData.path).extract(layout, upTo: ym("2021-06"))
        var extractor = SourceExtractor(dataDirectory: Repo.sampleData.path)
        extractor.cache = DeliveryCacheFolder(outputDirectory: out, layout: layout, codeVersion: "test")
        let shared = extractor
        let results = Parallel.map(4, threads: 4) { _ in shared.extract(layout, upTo: ym("2021-06")) }
        for r in results {
            #expect(r.refusals.isEmpty)
            expectSameTable(r.table, plain.table)
        }
        #expect(try Self.cacheEntries(out, "ky").count == plain.deliveries.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(".cache/extract/ky").path)
            .allSatisfy { $0.hasSuffix(".arrow") }, "no temporary file left behind")
    }
}

/// Expects two tables to be the same bytes as Arrow files (schema, validity, values, dictionaries).
func expectSameTable(_ a: Table, _ b: Table, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let dir = try makeTempDirectory("same-table")
        try ArrowFileWriter.write(a, to: dir.appendingPathComponent("a.arrow"))
        try ArrowFileWriter.write(b, to: dir.appendingPathComponent("b.arrow"))
        #expect(a.rowCount == b.rowCount, sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: dir.appendingPathComponent("a.arrow")) == Data(contentsOf: dir.appendingPathComponent("b.arrow")),
                "tables differ", sourceLocation: sourceLocation)
    } catch {
        Issue.record("cannot compare tables: \(error)", sourceLocation: sourceLocation)
    }
}
