import ColumnStore
import Domain

final class MaalgruppeReader {
    let fra: DayCol, til: DayCol, gruppe: Decoded<Int>, visitation: CodeCol
    init(_ t: Table) {
        fra = DayCol(t, "fra"); til = DayCol(t, "til"); gruppe = CodeCol(t, "kontaktgruppe").decoded { Int($0) ?? 0 }
        visitation = CodeCol(t, "visitation")
    }
    func row(_ i: Int) -> MaalgruppeRow? {
        MaalgruppeRow(fra: fra[i], til: til.optional(i), kontaktgruppe: gruppe[i], visitation: visitation.optional(i))
    }
}
