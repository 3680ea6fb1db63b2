import ColumnStore

/// A date32 column's buffers.
struct DayCol {
    let values: [Int32]
    let validity: Validity?
    init(_ t: Table, _ name: String) {
        let c = t.column(name)
        values = c.dateValues
        validity = c.validity
    }
    subscript(i: Int) -> Day { Day(rawValue: values[i]) }
    func optional(_ i: Int) -> Day? { validity.map { $0[i] } ?? true ? Day(rawValue: values[i]) : nil }
}
