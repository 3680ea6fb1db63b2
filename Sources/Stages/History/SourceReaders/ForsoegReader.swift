import ColumnStore
import Domain

final class ForsoegReader {
    let id: TextCol, akasse: CodeCol, kommune: CodeCol, visit: DayCol, end: DayCol, aarsag: CodeCol, fors: Decoded<Forsikring?>
    init(_ o: Table) {
        id = TextCol(o, "forloeb_id"); akasse = CodeCol(o, "akasse"); kommune = CodeCol(o, "kommune")
        visit = DayCol(o, "visitationsdato"); end = DayCol(o, "afslutningsdato"); aarsag = CodeCol(o, "aarsag")
        fors = CodeCol(o, "forsikring").decoded { Forsikring(code: $0) }
    }
    func row(_ i: Int) -> ForsoegRow? {
        guard let f = fors[i] else { return nil }
        return ForsoegRow(forloebId: id[i], akasse: akasse[i], kommune: kommune[i], visitationsdato: visit[i],
                          afslutningsdato: end.optional(i), aarsag: aarsag.optional(i), forsikring: f)
    }
}
