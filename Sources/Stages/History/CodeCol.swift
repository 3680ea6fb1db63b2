import ColumnStore

/// A dictionary column's buffers.
struct CodeCol {
    let indices: [DictionaryStorage.Index]
    let values: [String]
    let validity: Validity?
    init(_ t: Table, _ name: String) {
        let c = t.column(name)
        indices = c.dictionary.indices
        values = c.dictionary.values
        validity = c.validity
    }
    subscript(i: Int) -> String { values[Int(indices[i])] }
    func optional(_ i: Int) -> String? { validity.map { $0[i] } ?? true ? values[Int(indices[i])] : nil }

    /// The column with `decode` applied once to each dictionary value.
    func decoded<T>(_ decode: (String) -> T) -> Decoded<T> {
        Decoded(indices: indices, values: values.map(decode), validity: validity)
    }
}
