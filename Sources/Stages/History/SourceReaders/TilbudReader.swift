import ColumnStore
import Domain

final class TilbudReader {
    let id: TextCol, kategori: Decoded<TilbudRow.Kategori?>, fra: DayCol, til: DayCol, kommune: CodeCol, akasse: Decoded<String?>
    init(_ t: Table) {
        id = TextCol(t, "tilbud_id"); kategori = CodeCol(t, "kategori").decoded { TilbudRow.Kategori(rawValue: $0) }
        fra = DayCol(t, "fra"); til = DayCol(t, "til")
        kommune = CodeCol(t, "kommune"); akasse = CodeCol(t, "akasse").decoded { $0.isEmpty ? nil : $0 }
    }
    func row(_ i: Int) -> TilbudRow? {
        guard let k = kategori[i] else { return nil }
        return TilbudRow(tilbudId: id[i], kategori: k, fra: fra[i], til: til.optional(i), kommune: kommune[i],
                         akasse: akasse.optional(i) ?? nil)
    }
}
