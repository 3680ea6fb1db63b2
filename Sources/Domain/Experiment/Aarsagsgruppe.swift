/// The three Bilag 1 sub-rows of afsluttede forløb (FSG-B1).
public enum Aarsagsgruppe: Int, Sendable, Hashable, CaseIterable {
    case tidligIndsats, fuldPeriode, oevrige

    public var label: String {
        switch self {
        case .tidligIndsats: "Behov for tidlig indsats"
        case .fuldPeriode: "Forsøgsperiode afsluttet"
        case .oevrige: "Øvrige"
        }
    }
}
