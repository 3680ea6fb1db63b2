import ColumnStore

/// A validity window of a rule, both ends inclusive; `nil` means open.
public struct DayWindow: Sendable, Hashable {
    public var from: Day?
    public var to: Day?

    public init(from: Day?, to: Day?) {
        self.from = from
        self.to = to
    }

    @inlinable public func contains(_ d: Day) -> Bool {
        if let f = from, d < f { return false }
        if let t = to, d > t { return false }
        return true
    }
}
