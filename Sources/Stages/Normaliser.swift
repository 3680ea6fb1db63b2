import ColumnStore
import YdelseIO

/// Turns an extracted source table into its normalised form:
///
/// 1. keyed sources keep only the latest version of each key (the extract
///    table is in delivery order, so the last occurrence wins, INPUTS.md);
/// 2. rows are sorted by pnr, then by the layout's first date field, so that
///    every later stage can co-group a person's rows with a merge join.
///
/// Provenance columns (`_delivery`, `_line`) are kept for tracing a value
/// back to the delivery line it came from.
public enum Normaliser {
    /// The outcome for one source.
    public struct Outcome: Sendable {
        public var table: Table
        /// Rows dropped because a later delivery replaced them.
        public var replaced: Int
    }

    public static func normalise(_ table: Table, layout: SourceLayout) -> Outcome {
        // Rows to keep (all, or the latest version per key), sorted by (pnr, first
        // date) in one pass that skips the replaced rows; the table is gathered once.
        let keep = layout.key.map { table.column($0).lastOccurrenceMask() }
        let order = sortedRows(table, layout: layout, keep: keep)
        return Outcome(table: table.gather(rows: order), replaced: table.rowCount - order.count)
    }

    /// The rows of `table` whose `keep` flag is set, in the normalised order: by pnr, then by the
    /// layout's first (non-optional) date field, then by row (delivery order).
    static func sortedRows(_ table: Table, layout: SourceLayout, keep: [Bool]?) -> [Int32] {
        let date = layout.fields.first { f in
            switch f.kind {
            case .date, .compactDate, .month: return true
            default: return false
            }
        }.flatMap { $0.optional ? nil : table.column($0.name).int32Values }
        return KeySort.sortedRows(key: table.column("pnr").int64Values, second: date, keep: keep)
    }
}
