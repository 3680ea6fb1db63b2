/// `forsoeg.aarsag`: why a forløb ended (FSG-1.2, INPUTS.md `forsoeg`), with the chart labels
/// of Måling 1.2 and the Bilag 1 groups (FSG-B1).
public enum Afslutningsaarsag: String, Sendable, Hashable, CaseIterable {
    case ti = "TI", up = "UP", fa = "FA", ke = "KE", nd = "ND", ua = "UA"

    /// The Måling 1.2 label.
    public var label: String {
        switch self {
        case .ti: "Behov for tidlig indsats"
        case .up: "Behov for uddannelsespålæg"
        case .fa: "Forsøgsperiode afsluttet"
        case .ke: "Kommune ej i forsøg"
        case .nd: "Optjent ny dagpengeret"
        case .ua: "Udmeldt af a-kasse i forsøg"
        }
    }

    /// FSG-B1 (TV-40): the Bilag 1 sub-row.
    public var group: Aarsagsgruppe {
        switch self {
        case .ti, .up: .tidligIndsats
        case .fa: .fuldPeriode
        case .ke, .nd, .ua: .oevrige
        }
    }
}
