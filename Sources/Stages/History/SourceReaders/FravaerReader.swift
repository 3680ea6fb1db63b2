import ColumnStore
import Domain

final class FravaerReader {
    let kode: CodeCol, fra: DayCol, til: DayCol
    init(_ t: Table) { kode = CodeCol(t, "kode"); fra = DayCol(t, "fra"); til = DayCol(t, "til") }
    func row(_ i: Int) -> FravaerRow? { FravaerRow(kode: kode[i], fra: fra[i], til: til.optional(i)) }
}
