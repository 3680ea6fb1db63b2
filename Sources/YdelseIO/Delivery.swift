import ColumnStore

/// One delivery file found in a source folder.
public struct Delivery: Sendable, Equatable {
    /// The file name, e.g. `ky_202301.csv.gz`.
    public var file: String
    public var path: String
    /// The delivery month from the file name.
    public var month: YearMonth
}
