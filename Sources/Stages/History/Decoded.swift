import ColumnStore

/// A dictionary column whose values were decoded once (``CodeCol/decoded(_:)``).
struct Decoded<T> {
    let indices: [DictionaryStorage.Index]
    let values: [T]
    let validity: Validity?
    subscript(i: Int) -> T { values[Int(indices[i])] }
    func optional(_ i: Int) -> T? { validity.map { $0[i] } ?? true ? values[Int(indices[i])] : nil }
}
