import ColumnStore

final class PersonReader {
    let birth: DayCol
    init(_ t: Table) { birth = DayCol(t, "foedselsdato") }
}
