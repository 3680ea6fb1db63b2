import ColumnStore
import Foundation

/// Reads and writes one table as a checkpoint file (Apache Arrow IPC in production).
///
/// The runner calls ``write(_:to:metadata:)`` with a temporary URL and renames the file into
/// place afterwards, so a codec need not be atomic itself.
public protocol CheckpointCodec: Sendable {
    /// Writes `table` to `url` with key/value `metadata` (stage, table, fingerprint, …).
    func write(_ table: Table, to url: URL, metadata: [String: String]) throws
    /// Reads the table at `url`.
    func read(from url: URL) throws -> Table
    /// Reads only the key/value metadata written with the table at `url`; must be cheap (the
    /// up-to-date check reads the fingerprint of every checkpoint). The default reads the
    /// whole file and finds no metadata, so checkpoints of such a codec are never trusted.
    func metadata(from url: URL) throws -> [String: String]
    /// Reads the rows of the table at `url` from row `start` on (the last deliveries of an
    /// extract table). The default reads the whole table and drops the rows before.
    func read(from url: URL, fromRow start: Int) throws -> Table
}

extension CheckpointCodec {
    public func metadata(from url: URL) throws -> [String: String] { [:] }

    public func read(from url: URL, fromRow start: Int) throws -> Table {
        try CheckpointRowsError.rows(of: try read(from: url), from: start)
    }
}
