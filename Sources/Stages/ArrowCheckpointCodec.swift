import ArrowIPC
import ColumnStore
import Foundation
import Pipeline

/// Checkpoints as Apache Arrow IPC files (`checkpoints/STAGE/TABLE.arrow`).
public struct ArrowCheckpointCodec: CheckpointCodec {
    public init() {}

    public func write(_ table: Table, to url: URL, metadata: [String: String]) throws {
        try ArrowFileWriter.write(table, to: url, metadata: metadata)
    }

    public func read(from url: URL) throws -> Table {
        try ArrowFileReader.read(from: url).table
    }

    /// The schema metadata from the footer only (the up-to-date check).
    public func metadata(from url: URL) throws -> [String: String] {
        try ArrowFileReader.metadata(from: url)
    }
}
