import ColumnStore
import Foundation

/// Reads every delivery of one source up to the reporting month into one table.
///
/// For reporting month M the deliveries are `<data>/<source>/<source>_<YYYYMM>.<ext>.gz`
/// with YYYYMM <= M, in ascending month order (INPUTS.md "Deliveries"). Later
/// months and files not matching the pattern are ignored; a missing source
/// folder gives an empty table. Files are parsed in parallel and their rows
/// appended in delivery order. With a ``DeliveryCache`` a delivery parsed by an
/// earlier run is taken from the cache instead (same rows, rejects and counts),
/// and every delivery parsed and not refused is offered to it.
public struct SourceExtractor: Sendable {
    /// The data directory holding one folder per source.
    public var dataDirectory: String
    /// Parsed deliveries kept between runs; nil parses every delivery.
    public var cache: (any DeliveryCache)?
    /// Read size per `read` call; tests make it tiny.
    public var inputChunkSize = 1 << 20
    public var outputChunkSize = 256 << 10

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    /// The deliveries of `layout` with month <= `month`, ascending by month.
    /// A missing folder has none; an unreadable one throws.
    public func deliveries(of layout: SourceLayout, upTo month: YearMonth) throws -> [Delivery] {
        let folder = (dataDirectory as NSString).appendingPathComponent(layout.name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.compactMap { name -> Delivery? in
            guard let m = Self.month(of: name, layout: layout), m <= month else { return nil }
            return Delivery(file: name, path: (folder as NSString).appendingPathComponent(name), month: m)
        }
        .sorted { $0.month < $1.month }
    }

    /// The month in a delivery file name `<name>_<YYYYMM>.<ext>.gz`, or `nil` for any other name.
    public static func month(of fileName: String, layout: SourceLayout) -> YearMonth? {
        let prefix = layout.name + "_", suffix = "." + layout.fileExtension + ".gz"
        guard fileName.hasPrefix(prefix), fileName.hasSuffix(suffix) else { return nil }
        let middle = fileName.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        guard middle.count == 6, middle.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return YearMonth(String(decoding: middle, as: UTF8.self))
    }

    /// Extracts `layout` for reporting month `month`.
    ///
    /// Never throws: a delivery that cannot be read, or whose frame is wrong,
    /// is a ``Refusal`` in the result, and its rows (those read) are still in
    /// the table. A caller checks ``SourceExtract/isComplete`` and stops unless
    /// it accepts partial data.
    ///
    /// `progress`, when given, is called after each delivery with the files and compressed
    /// bytes done so far and their totals (from any thread, one call at a time).
    public func extract(_ layout: SourceLayout, upTo month: YearMonth,
                        progress: (@Sendable (ExtractProgress) -> Void)? = nil) -> SourceExtract {
        let list: [Delivery]
        do {
            list = try deliveries(of: layout, upTo: month)
        } catch {
            let folder = (dataDirectory as NSString).appendingPathComponent(layout.name)
            let refusal = Refusal(source: layout.name, file: layout.name, path: folder,
                                  message: "cannot list the folder: \(error.localizedDescription)")
            return SourceExtract(source: layout.name, table: Table(empty: layout.extractSchema),
                                 deliveries: [], rejects: [], refusals: [refusal])
        }

        let parser = self.parser(layout)
        let sizes = list.map { DeliveryParser.fileSize($0.path) }
        let expectedRows = sizes.reduce(0) { $0 + parser.estimatedRows(compressedBytes: $1) }
        let assembly = OrderedAssembly(plan: parser.plan, reservingRows: expectedRows)
        let cache = self.cache
        let advance = Self.progressCounter(sizes, progress)
        let parsed = Parallel.map(list.count) { i in
            let d = list[i]
            var key: String?
            switch cache?.lookup(d) {
            case .hit(let c)?:
                assembly.submit(c.table, delivery: i)
                advance(i)
                return ParsedDelivery(
                    source: layout.name, file: d.file, path: d.path, table: Table(empty: layout.extractSchema),
                    rows: c.table.rowCount, rejects: c.rejects, dataLines: c.dataLines, totals: c.totals,
                    refusal: nil, cached: true)
            case .miss(let k)?: key = k
            case .uncachable?, nil: break
            }
            let (parsed, buffers) = parser.parseBuffers(path: d.path, deliveryMonth: d.month, reusing: assembly.spareBuffers())
            if let cache, let key, parsed.refusal == nil {
                // A refused delivery is never cached: a later run must refuse it again.
                cache.keep(CachedDelivery(table: buffers.table(delivery: 0, plan: parser.plan), rejects: parsed.rejects,
                                          dataLines: parsed.dataLines, totals: parsed.totals),
                           of: d, key: key)
            }
            assembly.submit(buffers, delivery: i)
            advance(i)
            return parsed
        }

        var infos: [DeliveryInfo] = []
        var row = 0
        for (i, p) in parsed.enumerated() {
            infos.append(DeliveryInfo(
                index: i, file: p.file, path: p.path, month: list[i].month,
                dataLines: p.dataLines, rows: row..<(row + p.rows), rejects: p.rejects.count,
                compressedBytes: p.totals.compressedBytes, inflatedBytes: p.totals.inflatedBytes,
                refusal: p.refusal, cached: p.cached))
            row += p.rows
        }
        return SourceExtract(
            source: layout.name,
            table: assembly.table(),
            deliveries: infos,
            rejects: parsed.flatMap(\.rejects),
            refusals: parsed.compactMap(\.refusal))
    }
}

extension SourceExtractor {
    /// Extracts `deliveries` of `layout` (from ``deliveries(of:upTo:)``) into the delivery cache
    /// instead of a table: every delivery not cached yet is parsed and kept, and the result lists
    /// the entries in delivery order (an entry's rows are the delivery's rows of
    /// ``extract(_:upTo:progress:)``'s table, `_delivery` aside). Returns nil, having kept what
    /// it could, when there is no cache, no delivery, or a delivery that cannot be kept (refused,
    /// changed while parsed, not identifiable, or the cache not writable): the caller then
    /// builds the table with ``extract(_:upTo:progress:)``.
    public func cachedExtract(_ layout: SourceLayout, deliveries list: [Delivery],
                              progress: (@Sendable (ExtractProgress) -> Void)? = nil) -> CachedSourceExtract? {
        guard let cache, !list.isEmpty else { return nil }
        let parser = self.parser(layout)
        let advance = Self.progressCounter(list.map { DeliveryParser.fileSize($0.path) }, progress)
        // Parse buffers are reused from one delivery to the next (their pages stay mapped).
        let lock = NSLock()
        nonisolated(unsafe) var spare: [ColumnBuffers] = []
        let found = Parallel.map(list.count) { i -> (entry: DeliveryCacheEntry, cached: Bool)? in
            let d = list[i]
            defer { advance(i) }
            switch cache.entry(d) {
            case .hit(let e): return (e, true)
            case .uncachable: return nil
            case .miss(let key):
                let (parsed, buffers) = parser.parseBuffers(path: d.path, deliveryMonth: d.month,
                                                            reusing: lock.withLock { spare.popLast() })
                defer { lock.withLock { spare.append(buffers) } }
                guard parsed.refusal == nil else { return nil }
                let kept = cache.keep(CachedDelivery(table: buffers.table(delivery: 0, plan: parser.plan), rejects: parsed.rejects,
                                                     dataLines: parsed.dataLines, totals: parsed.totals),
                                      of: d, key: key)
                return kept.map { ($0, false) }
            }
        }
        var entries: [DeliveryCacheEntry] = []
        var infos: [DeliveryInfo] = []
        var row = 0
        for (i, f) in found.enumerated() {
            guard let (e, cached) = f else { return nil }
            entries.append(e)
            infos.append(DeliveryInfo(
                index: i, file: list[i].file, path: list[i].path, month: list[i].month,
                dataLines: e.dataLines, rows: row..<(row + e.rows), rejects: e.rejects.count,
                compressedBytes: e.totals.compressedBytes, inflatedBytes: e.totals.inflatedBytes,
                refusal: nil, cached: cached))
            row += e.rows
        }
        return CachedSourceExtract(entries: entries, deliveries: infos, rejects: entries.flatMap(\.rejects))
    }

    /// The parser of `layout` with this extractor's chunk sizes.
    private func parser(_ layout: SourceLayout) -> DeliveryParser {
        var parser = DeliveryParser(layout: layout)
        parser.inputChunkSize = inputChunkSize
        parser.outputChunkSize = outputChunkSize
        return parser
    }

    /// Reports one more delivery done (parsed or taken from the cache) to `progress`, with the
    /// files and compressed bytes done so far of the deliveries of `sizes`.
    private static func progressCounter(_ sizes: [Int], _ progress: (@Sendable (ExtractProgress) -> Void)?) -> @Sendable (Int) -> Void {
        guard let progress else { return { _ in } }
        let counter = NSLock()
        nonisolated(unsafe) var done = ExtractProgress(files: 0, totalFiles: sizes.count, bytes: 0, totalBytes: sizes.reduce(0, +))
        return { i in
            counter.withLock {
                done.files += 1
                done.bytes += sizes[i]
                progress(done)
            }
        }
    }
}
