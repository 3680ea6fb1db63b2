import ColumnStore

/// A `ky` line: one paid period `fra..til`.
public struct KyLine: Sendable, Hashable {
    public var ydelse: KyYdelse
    public var sats: KHSats?
    public var fra: Day
    public var til: Day
    public var kommune: String
    public var loentilskud: Bool

    public init(ydelse: KyYdelse, sats: KHSats? = nil, fra: Day, til: Day, kommune: String = "", loentilskud: Bool = false) {
        self.ydelse = ydelse
        self.sats = sats
        self.fra = fra
        self.til = til
        self.kommune = kommune
        self.loentilskud = loentilskud
    }
}
