import ColumnStore

/// A `forsoeg` forløb (latest version per forloeb_id).
public struct ForsoegRow: Sendable, Hashable {
    public var forloebId: String
    /// 2-digit a-kasse code.
    public var akasse: String
    public var kommune: String
    public var visitationsdato: Day
    public var afslutningsdato: Day?
    public var aarsag: String?
    public var forsikring: Forsikring

    public init(forloebId: String, akasse: String, kommune: String = "", visitationsdato: Day,
                afslutningsdato: Day? = nil, aarsag: String? = nil, forsikring: Forsikring = .fullTime) {
        self.forloebId = forloebId
        self.akasse = akasse
        self.kommune = kommune
        self.visitationsdato = visitationsdato
        self.afslutningsdato = afslutningsdato
        self.aarsag = aarsag
        self.forsikring = forsikring
    }
}
