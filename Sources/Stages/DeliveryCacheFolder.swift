import ArrowIPC
import ColumnStore
import Foundation
import Pipeline
import ReferenceData
import YdelseIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared cache of parsed deliveries of one source, used by every month's
/// extract stage of an output folder: `OUT/.cache/extract/<source>/`.
///
/// One entry per delivery, `<file>.<key>.arrow`: a ZSTD-compressed Arrow IPC
/// file holding the delivery's rows (`layout.extractSchema`) with its rejects,
/// data-line count and byte counts in the schema metadata.
///
/// **Key.** 32 hex digits over: the cache format, the extract code version and
/// everything parsing depends on (the layout with its code lists and SPELL-7
/// date, the kommune reference table); the file's name, size, modification
/// time and status-change time (ns); its first 4 KiB and its last 4 KiB. The
/// last bytes of a gzip file are the CRC-32 and length of its inflated
/// content, so the key covers the whole content without reading it all, and
/// the status-change time (which no tool can set back) changes with every
/// write, so a file changed in place is always noticed, even when its
/// modification time is restored. A copied or renamed data folder misses
/// (its files have new change times): that costs one parse, never a wrong row.
///
/// **Trust.** An entry is used only when it reads completely (footer, schema
/// equal to the layout's, every buffer's zstd checksum), names the same key
/// and holds the row count it announces; anything else is removed and the
/// delivery parsed again. Entries are written under a temporary name and
/// renamed, so a run killed at any point leaves whole entries or none, and two
/// runs sharing the folder write identical files (last rename wins). Entries
/// are not fsync'ed (after a power loss the checks above catch a damaged one).
/// A refused delivery is never kept; a file that changes while it is parsed is
/// not kept either.
///
/// An entry this value wrote is remembered with the content hash of the file as written
/// (``isUnchangedSinceWritten(_:)``): the extract checkpoint that copies it in the same run
/// checks that hash instead of decompressing every buffer (``CachedExtractTable``).
public struct DeliveryCacheFolder: DeliveryCache {
    /// Version of the entry format; part of every key.
    static let format = "delivery-cache-1"
    /// Bytes sampled at each end of a delivery file.
    static let sampleBytes = 4096

    /// `OUT/.cache/extract/<source>`.
    public let directory: URL
    let layout: SourceLayout
    /// Everything a parse depends on besides the file.
    let parserDigest: String
    /// The entries written through this value (by path; shared by its copies and the extract's
    /// threads), with their size and content hash as written.
    private let written = Locked([String: FileRecord]())

    /// The cache of `layout`'s deliveries for output folder `outputDirectory`
    /// (the parent of the run folders); `codeVersion` is the extract stage's.
    public init(outputDirectory: URL, layout: SourceLayout, codeVersion: String) {
        directory = outputDirectory.appendingPathComponent(".cache", isDirectory: true)
            .appendingPathComponent("extract", isDirectory: true)
            .appendingPathComponent(layout.name, isDirectory: true)
        self.layout = layout
        var b = Fingerprint.Builder()
        b.combine(Self.format)
        b.combine(codeVersion)
        b.combine(String(reflecting: layout))
        b.combine(Kommune.all.map(\.code).joined(separator: ","))
        parserDigest = b.finalize().hex
    }

    /// The key of the delivery file at `path` as it is now; nil when it cannot be read.
    func key(of path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let st = FileStatus(fd: fd) else { return nil }
        let size = st.size
        var b = Fingerprint.Builder()
        b.combine(parserDigest)
        b.combine((path as NSString).lastPathComponent)
        b.combine(size)
        b.combine(st.modified.seconds); b.combine(st.modified.nanoseconds)
        b.combine(st.changed.seconds); b.combine(st.changed.nanoseconds)
        var sample = [UInt8](repeating: 0, count: Self.sampleBytes)
        for offset in Set([0, max(0, size - Self.sampleBytes)]).sorted() {
            let n = sample.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Self.sampleBytes, off_t(offset)) }
            guard n >= 0 else { return nil }
            b.combine(bytes: sample[0..<n])
        }
        return b.finalize().hex
    }

    /// The entry file of `delivery` under `key`.
    func entryURL(_ delivery: Delivery, key: String) -> URL {
        directory.appendingPathComponent("\(delivery.file).\(key).arrow")
    }

    public func lookup(_ delivery: Delivery) -> DeliveryCacheLookup {
        guard let key = key(of: delivery.path) else { return .uncachable }
        let url = entryURL(delivery, key: key)
        guard FileManager.default.fileExists(atPath: url.path) else { return .miss(key: key) }
        do {
            return .hit(try read(url, delivery: delivery, key: key))
        } catch {
            // Damaged or foreign: never trusted, rebuilt by this run.
            try? FileManager.default.removeItem(at: url)
            return .miss(key: key)
        }
    }

    /// The entry of `delivery` with its footer, schema and metadata checked, its rows not read:
    /// their buffers are checked when they are copied (``ArrowFileConcatenator``), and whoever
    /// finds one damaged reads the delivery with ``lookup(_:)``, which drops the entry.
    public func entry(_ delivery: Delivery) -> DeliveryCacheEntryLookup {
        guard let key = key(of: delivery.path) else { return .uncachable }
        let url = entryURL(delivery, key: key)
        guard FileManager.default.fileExists(atPath: url.path) else { return .miss(key: key) }
        do {
            let (schema, meta, rows) = try ArrowFileReader.summary(from: url)
            guard schema == layout.extractSchema else { throw Untrusted(reason: "other schema") }
            return .hit(try entry(url, meta: meta, rows: rows, delivery: delivery, key: key))
        } catch {
            try? FileManager.default.removeItem(at: url)
            return .miss(key: key)
        }
    }

    @discardableResult
    public func keep(_ parse: CachedDelivery, of delivery: Delivery, key: String) -> DeliveryCacheEntry? {
        // The file changed while it was parsed: what was parsed matches neither key.
        guard self.key(of: delivery.path) == key else { return nil }
        let url = entryURL(delivery, key: key)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try ArrowFileWriter.write(parse.table, to: url, metadata: try metadata(parse, of: delivery, key: key),
                                      compression: .checkpointDefault, durable: false)
            // An entry that cannot be hashed is not remembered: its buffers are checked when copied.
            let record = try? FileRecord.of(writtenFileAt: url)
            written.withLock { $0[url.path] = record }
            removeStaleEntries(of: delivery, keeping: url.lastPathComponent)
            return DeliveryCacheEntry(url: url, rows: parse.table.rowCount, rejects: parse.rejects,
                                      dataLines: parse.dataLines, totals: parse.totals)
        } catch {
            // A cache that cannot be written only means parsing again next time.
            return nil
        }
    }

    /// Whether the entry at `url` was written through this value and its file still has the size
    /// and content hash it had then (read whole once more). An entry found in the folder, or one
    /// changed since, is not: its buffers must be checked.
    public func isUnchangedSinceWritten(_ url: URL) -> Bool {
        guard let record = written.withLock({ $0[url.path] }) else { return false }
        return (try? FileRecord.of(writtenFileAt: url)) == record
    }

    /// Removes temporary files of entries whose writer died (killed runs) more
    /// than `age` seconds ago; a run writing right now is left alone.
    public func removeAbandonedTemporaryFiles(olderThan age: TimeInterval = 3600) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let cutoff = Date().addingTimeInterval(-age)
        for n in names where n.hasSuffix(".tmp") {
            let url = directory.appendingPathComponent(n)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
            if let modified, modified < cutoff { try? FileManager.default.removeItem(at: url) }
        }
    }

    // MARK: entry contents

    private enum Meta {
        static let key = "ydelse.cache.key", source = "ydelse.cache.source", file = "ydelse.cache.file"
        static let rows = "ydelse.cache.rows", dataLines = "ydelse.cache.data_lines"
        static let compressed = "ydelse.cache.compressed_bytes", inflated = "ydelse.cache.inflated_bytes"
        static let members = "ydelse.cache.gzip_members", rejects = "ydelse.cache.rejects"
    }

    /// A reject as kept in an entry (its source and file are the entry's).
    private struct KeptReject: Codable {
        var line: Int
        var reason: String
        var raw: String
    }

    private func metadata(_ p: CachedDelivery, of delivery: Delivery, key: String) throws -> [String: String] {
        let rejects = try JSONEncoder().encode(p.rejects.map { KeptReject(line: $0.line, reason: $0.reason, raw: $0.raw) })
        return [
            Meta.key: key, Meta.source: layout.name, Meta.file: delivery.file,
            Meta.rows: String(p.table.rowCount), Meta.dataLines: String(p.dataLines),
            Meta.compressed: String(p.totals.compressedBytes), Meta.inflated: String(p.totals.inflatedBytes),
            Meta.members: String(p.totals.members), Meta.rejects: String(decoding: rejects, as: UTF8.self),
        ]
    }

    private struct Untrusted: Error { var reason: String }

    private func read(_ url: URL, delivery: Delivery, key: String) throws -> CachedDelivery {
        let (table, meta) = try ArrowFileReader.read(from: url)
        guard table.schema == layout.extractSchema else { throw Untrusted(reason: "other schema") }
        let e = try entry(url, meta: meta, rows: table.rowCount, delivery: delivery, key: key)
        return CachedDelivery(table: table, rejects: e.rejects, dataLines: e.dataLines, totals: e.totals)
    }

    /// The entry at `url` from its metadata, which must name `key` and announce `rows` rows.
    private func entry(_ url: URL, meta: [String: String], rows: Int, delivery: Delivery, key: String) throws -> DeliveryCacheEntry {
        func int(_ k: String) throws -> Int {
            guard let v = meta[k].flatMap(Int.init) else { throw Untrusted(reason: "no \(k)") }
            return v
        }
        guard meta[Meta.key] == key, meta[Meta.source] == layout.name else { throw Untrusted(reason: "other key") }
        guard try int(Meta.rows) == rows else { throw Untrusted(reason: "row count") }
        let kept = try JSONDecoder().decode([KeptReject].self, from: Data((meta[Meta.rejects] ?? "").utf8))
        return DeliveryCacheEntry(
            url: url, rows: rows,
            rejects: kept.map { Reject(source: layout.name, file: delivery.file, line: $0.line, reason: $0.reason, raw: $0.raw) },
            dataLines: try int(Meta.dataLines),
            totals: .init(compressedBytes: try int(Meta.compressed), inflatedBytes: try int(Meta.inflated),
                          members: try int(Meta.members)))
    }

    /// Removes the entries of `delivery` under other keys (an older version of the file).
    private func removeStaleEntries(of delivery: Delivery, keeping name: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let prefix = delivery.file + "."
        for n in names where n != name && n.hasPrefix(prefix) && n.hasSuffix(".arrow")
            && n.utf8.count == prefix.utf8.count + 32 + ".arrow".utf8.count {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(n))
        }
    }
}
