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
        var t = table
        var replaced = 0
        if let key = layout.key, t.rowCount > 0 {
            let keep = t.column(key).lastOccurrenceRows()
            replaced = t.rowCount - keep.count
            if replaced > 0 { t = t.gather(keep) }
        }
        let dateField = layout.fields.first { f in
            if case .date = f.kind { return true }
            if case .compactDate = f.kind { return true }
            if case .month = f.kind { return true }
            return false
        }
        var keys = ["pnr"]
        if let d = dateField, !d.optional { keys.append(d.name) }
        return Outcome(table: t.sorted(by: keys), replaced: replaced)
    }
}
