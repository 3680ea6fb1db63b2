import ColumnStore

/// A `taeller` row: one dagpengeperiode.
public struct DagpengePeriodeRow: Sendable, Hashable {
    public var periodeId: String
    public var foersteDag: Day
    /// Empty means open.
    public var sidsteDag: Day?
    public var forsikring: Forsikring

    public init(periodeId: String, foersteDag: Day, sidsteDag: Day?, forsikring: Forsikring) {
        self.periodeId = periodeId
        self.foersteDag = foersteDag
        self.sidsteDag = sidsteDag
        self.forsikring = forsikring
    }
}
