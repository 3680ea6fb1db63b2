import ColumnStore
import Foundation

/// Where checkpoints live and how they are written: `RUN/checkpoints/<stage>/<table>.arrow`.
public struct CheckpointStore: Sendable {
    /// The run folder `OUT/YYYYMM`.
    public let runDirectory: URL
    public let codec: any CheckpointCodec

    public init(runDirectory: URL, codec: any CheckpointCodec) {
        self.runDirectory = runDirectory
        self.codec = codec
    }

    /// The file of table `table` of stage `stage`.
    public func url(stage: String, table: String) -> URL {
        runDirectory.appendingPathComponent("checkpoints", isDirectory: true)
            .appendingPathComponent(stage, isDirectory: true)
            .appendingPathComponent("\(table).arrow")
    }

    /// Whether every table in `tables` of `stage` has a checkpoint file.
    public func exists(stage: String, tables: [String]) -> Bool {
        tables.allSatisfy { FileManager.default.fileExists(atPath: url(stage: stage, table: $0).path) }
    }

    /// The metadata key that holds the stage fingerprint in every checkpoint.
    public static let fingerprintKey = "ydelse.fingerprint"

    /// Writes the checkpoint atomically (temporary name, then rename) and returns its size and
    /// the fingerprint in its metadata (``fingerprintKey``), for run.json; with `contentHash`
    /// also the hash of the file's content (read back once, see ``contentMismatch(stage:table:record:)``).
    @discardableResult
    public func write(_ table: Table, stage: String, name: String, metadata: [String: String],
                      contentHash: Bool = false) throws -> TableRecord {
        try write(stage: stage, name: name, metadata: metadata, contentHash: contentHash) { tmp in
            try codec.write(table, to: tmp, metadata: metadata)
        }
    }

    /// As ``write(_:stage:name:metadata:contentHash:)`` for a table handed over encoded.
    @discardableResult
    public func write(_ table: any EncodedTable, stage: String, name: String, metadata: [String: String],
                      contentHash: Bool = false) throws -> TableRecord {
        try write(stage: stage, name: name, metadata: metadata, contentHash: contentHash) { tmp in
            try table.write(to: tmp, metadata: metadata, codec: codec)
        }
    }

    private func write(stage: String, name: String, metadata: [String: String], contentHash: Bool,
                       _ body: (URL) throws -> Void) throws -> TableRecord {
        let target = url(stage: stage, table: name)
        do {
            try AtomicFile.replace(target, body)
        } catch {
            throw CheckpointError.unwritable(stage: stage, table: name, url: target, reason: SystemErrorText.describe(error))
        }
        let fingerprint = Fingerprint(hex: metadata[Self.fingerprintKey] ?? "")
        // The content hash lets a later month copy the file after hashing it instead of
        // decompressing every buffer (a nightly extract, ``contentMismatch(stage:table:record:)``).
        guard contentHash, let file = try? FileRecord.of(writtenFileAt: target) else {
            let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.intValue ?? -1
            return TableRecord(bytes: size, fingerprint: fingerprint)
        }
        return TableRecord(bytes: file.bytes, fingerprint: fingerprint, hash: file.hash)
    }

    /// Why the checkpoint of `table` is not byte for byte the file `record` describes (as
    /// ``mismatch(stage:table:record:)``, and a record without a content hash or another
    /// content), or `nil` when it is. Reads the whole file.
    public func contentMismatch(stage: String, table: String, record: TableRecord?) -> String? {
        if let m = mismatch(stage: stage, table: table, record: record) { return m }
        let u = url(stage: stage, table: table)
        guard let hash = record?.hash else { return "run.json records no content hash of checkpoint \(u.path)" }
        guard let file = try? FileRecord.of(writtenFileAt: u), file.hash == hash else {
            return "checkpoint \(u.path) does not have the content run.json records"
        }
        return nil
    }

    /// Why the checkpoint of `table` does not match `record` (missing, another size, another
    /// or no embedded fingerprint), or `nil` when it does. Reads only the file's size and its
    /// metadata.
    public func mismatch(stage: String, table: String, record: TableRecord?) -> String? {
        let u = url(stage: stage, table: table)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: u.path) else {
            return "checkpoint \(u.path) is missing"
        }
        guard let record else { return "run.json has no record of checkpoint \(u.path)" }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        guard size == record.bytes else {
            return "checkpoint \(u.path) has \(size) bytes, run.json records \(record.bytes)"
        }
        let embedded: String?
        do {
            embedded = try codec.metadata(from: u)[Self.fingerprintKey]
        } catch {
            return "checkpoint \(u.path) cannot be read: \(SystemErrorText.describe(error))"
        }
        guard embedded == record.fingerprint.hex else {
            return "checkpoint \(u.path) carries fingerprint \(embedded ?? "none"), run.json records \(record.fingerprint.hex)"
        }
        return nil
    }

    /// Reads the checkpoint; a missing file is a ``CheckpointError/missingTable(stage:table:url:)``.
    public func read(stage: String, table: String) throws -> Table {
        try read(stage: stage, table: table) { try codec.read(from: $0) }
    }

    /// Reads the checkpoint's rows from row `start` on (``CheckpointCodec/read(from:fromRow:)``).
    public func read(stage: String, table: String, fromRow start: Int) throws -> Table {
        try read(stage: stage, table: table) { try codec.read(from: $0, fromRow: start) }
    }

    private func read(stage: String, table: String, _ body: (URL) throws -> Table) throws -> Table {
        let u = url(stage: stage, table: table)
        guard FileManager.default.fileExists(atPath: u.path) else {
            throw CheckpointError.missingTable(stage: stage, table: table, url: u)
        }
        do {
            return try body(u)
        } catch {
            throw CheckpointError.unreadable(stage: stage, table: table, url: u, reason: SystemErrorText.describe(error))
        }
    }
}
