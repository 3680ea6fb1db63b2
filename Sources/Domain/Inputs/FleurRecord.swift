import ColumnStore

/// A FLEUR data record.
public struct FleurRecord: Sendable, Hashable {
    /// 2-digit a-kasse code.
    public var akasse: String
    public var periodeFra: Day
    public var periodeTil: Day
    /// `ydelsestype` 1...7 (`01`..`07`).
    public var ydelsestype: UInt8
    /// Hours × 100.
    public var timer: Int64
    /// Hours deducted × 100.
    public var fradragstimer: Int64
    public var forsikring: Forsikring
    public var kommune: String?
    /// `fortegn = -`: a reversal.
    public var isReversal: Bool

    public init(akasse: String, periodeFra: Day, periodeTil: Day, ydelsestype: UInt8, timer: Int64,
                fradragstimer: Int64 = 0, forsikring: Forsikring = .fullTime, kommune: String? = nil, isReversal: Bool = false) {
        self.akasse = akasse
        self.periodeFra = periodeFra
        self.periodeTil = periodeTil
        self.ydelsestype = ydelsestype
        self.timer = timer
        self.fradragstimer = fradragstimer
        self.forsikring = forsikring
        self.kommune = kommune
        self.isReversal = isReversal
    }

    /// Parses `01`..`07`.
    public static func typeCode(_ text: String) -> UInt8? {
        guard let v = UInt8(text), v >= 1, v <= 7 else { return nil }
        return v
    }
}
