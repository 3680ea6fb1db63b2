import ColumnStore

/// A `maalgruppe` period.
public struct MaalgruppeRow: Sendable, Hashable {
    public var fra: Day
    public var til: Day?
    /// `1`, `2` or `12`.
    public var kontaktgruppe: Int
    /// `J`, `A`, `U`, `OU` or nil.
    public var visitation: String?

    public init(fra: Day, til: Day?, kontaktgruppe: Int, visitation: String? = nil) {
        self.fra = fra
        self.til = til
        self.kontaktgruppe = kontaktgruppe
        self.visitation = visitation
    }
}
