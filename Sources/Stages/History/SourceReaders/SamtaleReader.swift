import ColumnStore
import Domain

final class SamtaleReader {
    let id: TextCol, dato: DayCol, type: Decoded<SamtaleRow.Kind?>, form: Decoded<SamtaleRow.Kontaktform?>
    let afholder: Decoded<SamtaleRow.Afholder?>, individuel: Decoded<Bool>, kommune: CodeCol, akasse: Decoded<String?>
    init(_ t: Table) {
        id = TextCol(t, "samtale_id"); dato = DayCol(t, "dato")
        type = CodeCol(t, "type").decoded { SamtaleRow.Kind(rawValue: $0) }
        form = CodeCol(t, "kontaktform").decoded { SamtaleRow.Kontaktform(rawValue: $0) }
        afholder = CodeCol(t, "afholder").decoded { SamtaleRow.Afholder(rawValue: $0) }
        individuel = CodeCol(t, "individuel").decoded { $0 == "J" }
        kommune = CodeCol(t, "kommune")
        akasse = CodeCol(t, "akasse").decoded { $0.isEmpty ? nil : $0 }
    }
    func row(_ i: Int) -> SamtaleRow? {
        guard let k = type[i], let f = form[i], let a = afholder[i] else { return nil }
        return SamtaleRow(samtaleId: id[i], dato: dato[i], type: k, kontaktform: f, afholder: a, individuel: individuel[i],
                          kommune: kommune[i], akasse: akasse.optional(i) ?? nil)
    }
}
