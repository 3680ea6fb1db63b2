import ColumnStore

/// The `pnr` column of a `forloeb` table (``SpellsStage/table(_:month:)``: rows in
/// (pnr, group, start) order) as numbers, to find a person's rows.
struct SpellRowIndex: Sendable {
    /// The `pnr` column as numbers, ascending.
    let pnr: [Int64]

    /// `nil` when a `pnr` is not a pnr or the rows are not in pnr order (a table that cannot be
    /// the one this code wrote).
    init?(_ table: Table) {
        let text = table.column("pnr").strings
        var pnr: [Int64] = []
        pnr.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            guard let k = PnrText.key(text, r), pnr.last.map({ $0 <= k }) ?? true else { return nil }
            pnr.append(k)
        }
        self.pnr = pnr
    }

    /// The person's rows.
    func rows(of pnr: Int64) -> Range<Int> {
        SortedSearch.lowerBound(self.pnr, pnr) ..< SortedSearch.lowerBound(self.pnr, pnr + 1)
    }
}
