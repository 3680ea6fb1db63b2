import ArrowIPC
import ColumnStore
import Foundation
import Pipeline
import YdelseIO

/// An extract table handed to the runner encoded: every delivery's rows are in the delivery
/// cache's entries, and in a nightly run the previous month's checkpoint of the stage holds the
/// rows of every delivery but the new ones. Its checkpoint is their record batches copied as
/// stored (``ArrowFileConcatenator``), each entry's with `_delivery` set to its index, instead
/// of the whole table being built in memory, compressed and written again: a cold run copies
/// the entries it has just written (one batch per delivery), a nightly run the previous
/// checkpoint's batches plus one small batch per new delivery. Equal in value to the table
/// ``SourceExtractor`` builds.
///
/// When the copy cannot be made (a codec other than compressed Arrow, or a file found damaged
/// while it is copied) the table is built with `rebuild` and written by the codec: building it
/// reads every cache entry whole, so a damaged one is dropped and its delivery parsed again.
/// (The stage's counter `rows_carried_over` counts the rows it meant to copy.)
struct CachedExtractTable: EncodedTable {
    /// The previous month's checkpoint: where, its rows, and how many deliveries they are.
    struct Previous: Sendable {
        var url: URL
        var rows: Int
        var deliveries: Int
        /// Whether its content was checked against its run.json record's content hash.
        var verified: Bool
    }

    let parts: [ArrowFileConcatenator.Part]
    let rowCount: Int
    let rebuild: @Sendable () throws -> Table
    /// Whether an entry's file is byte for byte the one this run wrote
    /// (``DeliveryCacheFolder/isUnchangedSinceWritten(_:)``), asked when the checkpoint is written.
    let unchangedSinceWritten: @Sendable (URL) -> Bool

    /// Every buffer copied is checked (``ArrowFileConcatenator``), but the previous checkpoint's
    /// when its content hash was verified and an entry's that `unchangedSinceWritten` vouches for
    /// (a cold run's entries, hashed as written: a hash costs a fraction of decompressing them):
    /// a file damaged after it was recorded is not carried into this month. Without `previous`
    /// every entry is copied.
    init(previous: Previous?, extract: CachedSourceExtract,
         unchangedSinceWritten: @escaping @Sendable (URL) -> Bool = { _ in false },
         rebuild: @escaping @Sendable () throws -> Table) {
        let new = extract.entries.enumerated().dropFirst(previous?.deliveries ?? 0).map { i, e in
            ArrowFileConcatenator.Part(url: e.url, constants: ["_delivery": Int32(i)])
        }
        parts = (previous.map { [ArrowFileConcatenator.Part(url: $0.url, verified: $0.verified)] } ?? []) + new
        rowCount = extract.rowCount
        self.unchangedSinceWritten = unchangedSinceWritten
        self.rebuild = rebuild
    }

    /// `parts` with the entries written by this run (and unchanged since) marked verified.
    func partsToCopy() -> [ArrowFileConcatenator.Part] {
        let unchanged = Parallel.map(parts.count) { i in !parts[i].verified && unchangedSinceWritten(parts[i].url) }
        return zip(parts, unchanged).map { part, unchanged in
            var p = part
            if unchanged { p.verified = true }
            return p
        }
    }

    func write(to url: URL, metadata: [String: String], codec: any CheckpointCodec) throws {
        if let arrow = codec as? ArrowCheckpointCodec, arrow.compression != .none {
            do {
                let rows = try ArrowFileConcatenator.write(partsToCopy(), to: url, metadata: metadata, compression: arrow.compression)
                if rows == rowCount { return }
            } catch is ArrowError {
                // A damaged file: the table path below reads the entries whole and parses again.
            }
        }
        let table = try rebuild()
        guard table.rowCount == rowCount else {
            throw CachedExtractTableError(expected: rowCount, found: table.rowCount)
        }
        try codec.write(table, to: url, metadata: metadata)
    }
}

/// The deliveries changed while the extract table was written.
struct CachedExtractTableError: Error, CustomStringConvertible {
    let expected: Int, found: Int
    var description: String {
        "the deliveries changed while the extract was written (\(expected) rows extracted, \(found) rows read again): run it again"
    }
}
