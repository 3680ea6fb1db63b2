import ColumnStore

/// A paid FLEUR group (DUR-2): records with the same (ydelsestype, periode_fra, periode_til).
public struct PaidGroup: Sendable, Hashable {
    public var ydelsestype: UInt8
    public var periodeFra: Day
    public var periodeTil: Day
    /// Net hours in hundredths (> 0 for a paid group).
    public var netHundredths: Int64
    /// Kommune of the latest record of the group (KOM-2 fallback).
    public var kommune: String?
    public var forsikring: Forsikring
}
