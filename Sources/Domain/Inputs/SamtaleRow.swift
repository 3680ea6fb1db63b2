import ColumnStore

/// A `samtale` line (TASS): one held conversation of one type.
public struct SamtaleRow: Sendable, Hashable {
    /// `JOB`, `FJOB`, `CV`, `RAAD` or `SYG`.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case job = "JOB", fjob = "FJOB", cv = "CV", raad = "RAAD", syg = "SYG"
    }

    /// `P` personligt fremmøde, `T` telefonisk, `D` digitalt.
    public enum Kontaktform: String, Sendable, Hashable, CaseIterable {
        case personal = "P", phone = "T", digital = "D"
    }

    /// `JC` jobcenter, `AK` a-kasse (in the experiment), `AA` anden aktør.
    public enum Afholder: String, Sendable, Hashable, CaseIterable {
        case jobcenter = "JC", akasse = "AK", andenAktoer = "AA"
    }

    public var samtaleId: String
    public var dato: Day
    public var type: Kind
    public var kontaktform: Kontaktform
    public var afholder: Afholder
    /// `individuel = J`.
    public var individuel: Bool
    /// The responsible jobcenter's kommune (3 digits).
    public var kommune: String
    /// 2-digit a-kasse code, nil when empty.
    public var akasse: String?

    public init(samtaleId: String = "", dato: Day, type: Kind = .job, kontaktform: Kontaktform = .personal,
                afholder: Afholder = .jobcenter, individuel: Bool = true, kommune: String = "", akasse: String? = nil) {
        self.samtaleId = samtaleId
        self.dato = dato
        self.type = type
        self.kontaktform = kontaktform
        self.afholder = afholder
        self.individuel = individuel
        self.kommune = kommune
        self.akasse = akasse
    }
}
