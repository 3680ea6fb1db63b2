import ColumnStore

/// A `fravaer` period.
public struct FravaerRow: Sendable, Hashable {
    /// Numeric code as text (`1`, `90`, `10`, …).
    public var kode: String
    public var fra: Day
    public var til: Day?

    public init(kode: String, fra: Day, til: Day?) {
        self.kode = kode
        self.fra = fra
        self.til = til
    }
}
