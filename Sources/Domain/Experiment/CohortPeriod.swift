import ColumnStore

/// Tema 4 population of a dagpengeperiode (FSG-4.0).
public enum CohortPopulation: Int, Sendable, Hashable, CaseIterable {
    case forsoeg, ikkeForsoeg

    public var label: String { self == .forsoeg ? "Forsøg" : "Ikke-forsøg" }
}

/// Labour-market status six months after the first day (FSG-4.2), in the table's order.
public enum LabourMarketStatus: Int, Sendable, Hashable, CaseIterable {
    case beskaeftigelse, dagpenge, andenOffentlig, oevrige

    public var label: String {
        switch self {
        case .beskaeftigelse: "Beskæftigelse"
        case .dagpenge: "Dagpenge"
        case .andenOffentlig: "Anden offentlig forsørgelse"
        case .oevrige: "Øvrige"
        }
    }
}

/// A dagpengeperiode of the Tema 4 cohort quarter (FSG-4.0..4.2).
public struct CohortPeriod: Sendable, Hashable {
    public var periodeId: String
    public var foersteDag: Day
    public var population: CohortPopulation
    /// FSG-4.1: on dagpenge in week w, w = 0...26.
    public var onDagpenge: [Bool]
    /// FSG-4.2: the status on `foerste_dag` + 6 months.
    public var status: LabourMarketStatus
}
