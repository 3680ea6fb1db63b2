import ColumnStore
import Domain

final class BopaelReader {
    let kommune: CodeCol, fra: DayCol, til: DayCol
    init(_ t: Table) { kommune = CodeCol(t, "kommune"); fra = DayCol(t, "fra"); til = DayCol(t, "til") }
    func row(_ i: Int) -> BopaelRow? { BopaelRow(kommune: kommune[i], fra: fra[i], til: til.optional(i)) }
}
