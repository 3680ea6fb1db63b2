import ColumnStore
import YdelseIO

/// Turns an extracted source table into its normalised form:
///
/// 1. keyed sources keep only the latest version of each key (the extract
///    table is in delivery order, so the last occurrence wins, INPUTS.md);
/// 2. rows are sorted by pnr, then by the layout's first date field, so that
///    every later stage can co-group a person's rows with a merge join.
///
/// Provenance: `_delivery` is kept; the extract table's `_line` becomes `_tie` (``tie``), which
/// orders a person's rows of the same sort date from the same delivery as their lines do. The
/// line itself is in the extract table (the row with the same delivery and key fields): line
/// numbers in pnr order do not compress (about 2.9 bytes a row, a third of a normalised table
/// at national scale), `_tie` is nearly always 0.
///
/// For the months before M that a stage reads as known then (CONV-3, the focus measure),
/// ``normalise(_:layout:superseded:)`` also keeps the replaced versions that were the version
/// known in one of those months, with the months they were known in (``Superseded``).
public enum Normaliser {
    /// The outcome for one source.
    public struct Outcome: Sendable {
        public var table: Table
        /// Rows dropped because a later delivery replaced them.
        public var replaced: Int
        /// The replaced versions known in some month of the requested range (keyed sources, when asked).
        public var superseded: Table?
    }

    /// Which replaced versions to keep: those known in some month of `months`; `deliveryMonths[d]`
    /// is the month of delivery index d (the `_delivery` value).
    public struct Superseded: Sendable {
        public var deliveryMonths: [YearMonth]
        public var months: ClosedRange<YearMonth>

        /// Column of a superseded table: the first day of the month from which a later version
        /// replaced the row (it was known from the month of its own delivery, `_delivery`).
        public static let replacedFrom = "kendt_til"
    }

    /// `table` (a source's extract table) normalised as the type's documentation says.
    ///
    /// The table is taken over and gathered column by column, each extract column let go once
    /// gathered (``ColumnStore/Table/gatherReleasing(rowSets:)``): when the caller holds no other
    /// reference to it, a source's extract and normalised tables are not both whole in memory.
    public static func normalise(_ table: consuming Table, layout: SourceLayout, superseded: Superseded? = nil) -> Outcome {
        let rowCount = table.rowCount
        // Every row in the normalised order; the kept rows are taken from it in that order.
        let all = sortedRows(table, layout: layout)
        guard let key = layout.key else {
            // Every row is kept: the ties are counted on the sorted table, reading it in order.
            table.columns.removeAll { $0.name == ExtractLines.name }
            var sorted = (consume table).gatherReleasing(rowSets: [all])[0]
            sorted.columns.append(ties(sorted, layout: layout, order: nil))
            return Outcome(table: sorted, replaced: 0, superseded: nil)
        }
        table = replacingLines(table, layout: layout, order: all)
        guard let superseded else {
            // Rows to keep (the latest version per key); the table is gathered once.
            let latest = table.column(key).lastOccurrenceMask()
            let order = all.filter { latest[Int($0)] }
            return Outcome(table: (consume table).gatherReleasing(rowSets: [order])[0], replaced: rowCount - order.count, superseded: nil)
        }
        // The next version of every row (rows are in delivery order): the latest versions have
        // none; a replaced row was known from its delivery's month until the next version's.
        let next = table.column(key).nextOccurrence()
        let delivery = table.column("_delivery").int32Values
        let monthOf = superseded.deliveryMonths.map { Int32($0.index) }
        let lo = Int32(superseded.months.lowerBound.index), hi = Int32(superseded.months.upperBound.index)
        var latest = [Bool](repeating: false, count: rowCount)
        var known = [Bool](repeating: false, count: rowCount)
        var replacedFrom: [Int32] = []
        for r in 0..<rowCount {
            let n = Int(next[r])
            if n < 0 { latest[r] = true; continue }
            let from = monthOf[Int(delivery[r])], until = monthOf[Int(delivery[n])]
            known[r] = from < until && from <= hi && until > lo
        }
        let order = all.filter { latest[Int($0)] }
        let oldOrder = all.filter { known[Int($0)] }
        replacedFrom.reserveCapacity(oldOrder.count)
        for r in oldOrder { replacedFrom.append(monthOf[Int(delivery[Int(next[Int(r)])])]) }
        let gathered = (consume table).gatherReleasing(rowSets: [order, oldOrder])
        var old = gathered[1]
        old.columns.append(Column(name: Superseded.replacedFrom,
                                  data: .date32(replacedFrom.map { YearMonth(index: Int($0)).first.rawValue })))
        return Outcome(table: gathered[0], replaced: rowCount - order.count, superseded: old)
    }

    /// Column of a normalised table: a row's place among the rows of its person with the same
    /// sort date from the same delivery, in line order (0, 1, …; nearly always 0). With
    /// `_delivery` it completes the normalised order, also between a table and its
    /// `<source>_versioner`, and it depends only on the delivery, so every month's run gives a
    /// row the same value.
    public static let tie = "_tie"

    /// `table` (extract rows in delivery order) with its `_line` column replaced by ``tie``;
    /// `order` is every row of it in the normalised order (``sortedRows(_:layout:)``).
    static func replacingLines(_ table: consuming Table, layout: SourceLayout, order: [Int32]) -> Table {
        let ties = ties(table, layout: layout, order: order)
        table.columns.removeAll { $0.name == ExtractLines.name }
        table.columns.append(ties)
        return table
    }

    /// The ``tie`` column of `table`'s rows, `order` every row in the normalised order (nil: the
    /// rows are in that order).
    private static func ties(_ table: Table, layout: SourceLayout, order: [Int32]?) -> Column {
        Column(name: tie, data: .int32(KeySort.ranks(order: order, key: table.column("pnr").int64Values,
                                                     second: sortDate(layout).map { table.column($0).int32Values },
                                                     group: table.column("_delivery").int32Values)))
    }

    /// The name of the superseded-versions table of `source` in the normalise stage's outputs.
    public static func supersededName(_ source: String) -> String { source + "_versioner" }

    /// The normalise outputs a reader of `sources` may ask for: their tables and, of the keyed
    /// ones, their replaced versions.
    static func tablesRead(of sources: [String]) -> Set<String> {
        Set(sources.flatMap { s in SourceCatalog.layout(named: s)?.key != nil ? [s, supersededName(s)] : [s] })
    }

    /// Every row of `table` in the normalised order: by pnr, then by ``sortDate(_:)``, then by
    /// row (delivery order). The rows a table keeps are taken from it in this order.
    static func sortedRows(_ table: Table, layout: SourceLayout) -> [Int32] {
        KeySort.sortedRows(key: table.column("pnr").int64Values, second: sortDate(layout).map { table.column($0).int32Values })
    }

    /// The second sort key of a normalised table: the layout's first date field, or none when
    /// that field is optional.
    static func sortDate(_ layout: SourceLayout) -> String? {
        layout.fields.first { f in
            switch f.kind {
            case .date, .compactDate, .month: return true
            default: return false
            }
        }.flatMap { $0.optional ? nil : $0.name }
    }
}
