import ColumnStore

final class TilmeldingReader {
    let dato: DayCol
    init(_ t: Table) { dato = DayCol(t, "dato") }
    func row(_ i: Int) -> Day? { dato[i] }
}
