import ColumnStore
import Domain

final class EindkomstReader {
    let maaned: DayCol, timer: [Int32]
    init(_ t: Table) { maaned = DayCol(t, "maaned"); timer = t.column("loentimer").int32Values }
    func row(_ i: Int) -> EindkomstRow? {
        let d = maaned[i]
        return EindkomstRow(maaned: YearMonth(year: d.year, month: d.month), loentimer: Int64(timer[i]))
    }
}
