import ColumnStore
import Domain
import YdelseIO

/// Every version of one source's records that some month of a range knew, in the normalised
/// order, each with the months in which it was the version known (CONV-3: month m uses only
/// the deliveries up to m; a keyed record's later version replaces the earlier one from the
/// month of its delivery).
///
/// Row r is known at month m when `from[r] <= m.index < until[r]`. Keeping the rows known at m
/// gives exactly the normalised table of a run for m (``Normaliser``), without sorting or
/// copying anything per month: ``PersonHistoryAssembler`` reads the rows of one month through
/// ``PersonHistoryAssembler/mapMonths(_:threads:_:)``.
struct VersionedSource: Sendable {
    /// The rows known in some month of the range, sorted like a normalised table.
    let table: Table
    /// Per row: the ``YearMonth/index`` of its delivery's month.
    let from: [Int32]
    /// Per row: the ``YearMonth/index`` of the month of the delivery that replaced it
    /// (`Int32.max` when nothing did).
    let until: [Int32]

    /// - Parameters:
    ///   - extract: the source's extract table, rows in delivery order, with `_delivery`.
    ///   - deliveryMonths: the month of each delivery index.
    ///   - months: the months whose known rows are kept.
    init(extract: Table, layout: SourceLayout, deliveryMonths: [YearMonth], months: ClosedRange<YearMonth>) {
        // The next occurrence of a key is its next version only in delivery order (which is
        // how the extract stage assembles its table; restored here if it ever is not).
        let extract = Self.inDeliveryOrder(extract)
        let delivery = extract.column("_delivery").int32Values
        let n = extract.rowCount
        let monthIndex = deliveryMonths.map { Int32($0.index) }
        let next = layout.key.map { extract.column($0).nextOccurrence() }
        var from = [Int32](repeating: 0, count: n), until = [Int32](repeating: .max, count: n)
        var keep = [Bool](repeating: false, count: n)
        let lo = Int32(months.lowerBound.index), hi = Int32(months.upperBound.index)
        for r in 0..<n {
            let f = monthIndex[Int(delivery[r])]
            var u = Int32.max
            if let next, next[r] >= 0 { u = monthIndex[Int(delivery[Int(next[r])])] }
            from[r] = f
            until[r] = u
            keep[r] = f <= hi && u > lo && f < u
        }
        let order = Normaliser.sortedRows(extract, layout: layout, keep: keep)
        table = extract.gather(rows: order)
        self.from = order.map { from[Int($0)] }
        self.until = order.map { until[Int($0)] }
    }

    /// `extract` with its rows stably sorted by `_delivery` (itself when they already are).
    static func inDeliveryOrder(_ extract: Table) -> Table {
        let d = extract.column("_delivery").int32Values
        if zip(d, d.dropFirst()).allSatisfy({ $0 <= $1 }) { return extract }
        let order = d.indices.sorted { (d[$0], $0) < (d[$1], $1) }.map { Int32($0) }
        return extract.gather(rows: order)
    }
}
