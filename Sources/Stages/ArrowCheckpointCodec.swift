import ArrowIPC
import ColumnStore
import Foundation
import Pipeline

/// Checkpoints as Apache Arrow IPC files (`checkpoints/STAGE/TABLE.arrow`), by
/// default with ZSTD buffer compression (``ArrowCompression/checkpointDefault``);
/// `--checkpoint-compression none` writes plain buffers. Either kind is read.
public struct ArrowCheckpointCodec: CheckpointCodec {
    /// How record batch bodies are compressed when written.
    public let compression: ArrowCompression

    public init(compression: ArrowCompression = .checkpointDefault) {
        self.compression = compression
    }

    public func write(_ table: Table, to url: URL, metadata: [String: String]) throws {
        try ArrowFileWriter.write(table, to: url, metadata: metadata, compression: compression)
    }

    public func read(from url: URL) throws -> Table {
        try ArrowFileReader.read(from: url).table
    }

    /// The whole table, its arrays with room for `spare` more rows and bytes (to merge rows in
    /// place, ``ColumnStore/Table/mergeReleasing(old:new:rows:)``).
    public func read(from url: URL, spare: ArrowFileReader.Spare) throws -> Table {
        try ArrowFileReader.read(from: url, spare: spare)
    }

    /// Record batches that end before `start` are not decompressed.
    public func read(from url: URL, fromRow start: Int) throws -> Table {
        try ArrowFileReader.read(from: url, fromRow: start)
    }

    /// The schema metadata from the footer only (the up-to-date check).
    public func metadata(from url: URL) throws -> [String: String] {
        try ArrowFileReader.metadata(from: url)
    }
}
