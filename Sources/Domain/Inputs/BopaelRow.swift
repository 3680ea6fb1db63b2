import ColumnStore

/// A `bopael` period.
public struct BopaelRow: Sendable, Hashable {
    public var kommune: String
    public var fra: Day
    public var til: Day?

    public init(kommune: String, fra: Day, til: Day?) {
        self.kommune = kommune
        self.fra = fra
        self.til = til
    }
}
