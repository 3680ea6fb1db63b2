import ColumnStore

/// An `eindkomst` line: paid working hours of one month.
public struct EindkomstRow: Sendable, Hashable {
    public var maaned: YearMonth
    /// `loentimer` in hundredths of an hour.
    public var loentimer: Int64

    public init(maaned: YearMonth, loentimer: Int64) {
        self.maaned = maaned
        self.loentimer = loentimer
    }
}
