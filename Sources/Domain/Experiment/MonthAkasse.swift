import ColumnStore

/// A (month, a-kasse) pair.
public struct MonthAkasse: Sendable, Hashable {
    public var month: YearMonth
    public var akasse: String
}
