import ColumnStore

/// A `ksd` row (sygedagpenge).
public struct KsdRow: Sendable, Hashable {
    public var forloebId: String
    public var start: Day
    /// Empty means open.
    public var slut: Day?
    public var kommune: String

    public init(forloebId: String, start: Day, slut: Day?, kommune: String = "") {
        self.forloebId = forloebId
        self.start = start
        self.slut = slut
        self.kommune = kommune
    }
}
