import Foundation

/// An output table that a stage hands over already encoded elsewhere, so that its checkpoint
/// is written without the table being built in memory: the extract stages' tables, whose rows
/// are in the delivery cache's entries (``StageResult/encodedTables``).
///
/// Only for tables of stages that write checkpoints: later stages read such a table from its
/// checkpoint.
public protocol EncodedTable: Sendable {
    /// Rows of the table.
    var rowCount: Int { get }
    /// Writes the checkpoint of the table to `url` (a temporary name, renamed into place by the
    /// ``CheckpointStore``) with key/value `metadata`, equal in value to what `codec` would write
    /// for the table.
    func write(to url: URL, metadata: [String: String], codec: any CheckpointCodec) throws
}
