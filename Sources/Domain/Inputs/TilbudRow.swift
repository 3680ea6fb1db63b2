import ColumnStore

/// A `tilbud` row (Plandata): an active offer `fra..til` (open when `til` is nil).
public struct TilbudRow: Sendable, Hashable {
    /// `VO`, `JRU`, `VP`, `LT` or `RAT`.
    public enum Kategori: String, Sendable, Hashable, CaseIterable {
        case vo = "VO", jru = "JRU", vp = "VP", lt = "LT", rat = "RAT"
    }

    public var tilbudId: String
    public var kategori: Kategori
    public var fra: Day
    public var til: Day?
    public var kommune: String
    /// The a-kasse code when the offer was given in the experiment, else nil.
    public var akasse: String?

    public init(tilbudId: String = "", kategori: Kategori, fra: Day, til: Day?, kommune: String = "", akasse: String? = nil) {
        self.tilbudId = tilbudId
        self.kategori = kategori
        self.fra = fra
        self.til = til
        self.kommune = kommune
        self.akasse = akasse
    }
}
