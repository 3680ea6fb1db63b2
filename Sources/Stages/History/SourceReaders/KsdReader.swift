import ColumnStore
import Domain

final class KsdReader {
    let id: TextCol, start: DayCol, slut: DayCol, kommune: CodeCol
    init(_ t: Table) { id = TextCol(t, "forloeb_id"); start = DayCol(t, "start"); slut = DayCol(t, "slut"); kommune = CodeCol(t, "kommune") }
    func row(_ i: Int) -> KsdRow? { KsdRow(forloebId: id[i], start: start[i], slut: slut.optional(i), kommune: kommune[i]) }
}
