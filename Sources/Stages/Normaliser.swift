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
        // Rows to keep (all, or the latest version per key), then their order by
        // (pnr, first date); the table is gathered once with the composed permutation.
        var keep: [Int]? = nil
        if let key = layout.key, table.rowCount > 0 {
            let rows = table.column(key).lastOccurrenceRows()
            if rows.count < table.rowCount { keep = rows }
        }
        let dateField = layout.fields.first { f in
            switch f.kind {
            case .date, .compactDate, .month: return true
            default: return false
            }
        }
        var keys = ["pnr"]
        if let d = dateField, !d.optional { keys.append(d.name) }
        let sortKeys = Table(columns: keys.map { table.column($0) })
        let order: [Int]
        if let k = keep {
            order = sortKeys.gather(k).sortIndices(by: keys).map { k[$0] }
        } else {
            order = sortKeys.sortIndices(by: keys)
        }
        let replaced = table.rowCount - (keep?.count ?? table.rowCount)
        return Outcome(table: table.gather(order), replaced: replaced)
    }
}
