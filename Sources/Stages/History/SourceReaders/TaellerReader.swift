import ColumnStore
import Domain

final class TaellerReader {
    let id: TextCol, first: DayCol, last: DayCol, fors: Decoded<Forsikring?>
    init(_ t: Table) {
        id = TextCol(t, "periode_id"); first = DayCol(t, "foerste_dag"); last = DayCol(t, "sidste_dag")
        fors = CodeCol(t, "forsikring").decoded { Forsikring(code: $0) }
    }
    func row(_ i: Int) -> DagpengePeriodeRow? {
        guard let f = fors[i] else { return nil }
        return DagpengePeriodeRow(periodeId: id[i], foersteDag: first[i], sidsteDag: last.optional(i), forsikring: f)
    }
}
