import ColumnStore

/// A utf8 column's buffers.
struct TextCol {
    let storage: StringStorage
    init(_ t: Table, _ name: String) { storage = t.column(name).strings }
    subscript(i: Int) -> String { storage[i] }
}
