import ColumnStore

/// The experiment types of a unique conversation (FSG-0.5, FSG-2.3).
public struct ConversationTypes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let cv = ConversationTypes(rawValue: 1)
    public static let fjob = ConversationTypes(rawValue: 2)
    public static let job = ConversationTypes(rawValue: 4)
    public static let raad = ConversationTypes(rawValue: 8)

    /// The four types in the order of the Måling 2.3 table.
    public static let ordered: [ConversationTypes] = [.cv, .fjob, .job, .raad]

    init?(_ kind: SamtaleRow.Kind) {
        switch kind {
        case .cv: self = .cv
        case .fjob: self = .fjob
        case .job: self = .job
        case .raad: self = .raad
        case .syg: return nil
        }
    }
}

/// One unique conversation (FSG-0.6): a distinct (pnr, dato) among the person's experiment lines,
/// attributed to the a-kasse of the forløb that holds it (FSG-0.5).
public struct ExperimentConversation: Sendable, Hashable {
    public var dato: Day
    public var akasse: String
    /// The types of the experiment lines on that date.
    public var types: ConversationTypes
}

/// An experiment offer (FSG-3.0), attributed to the a-kasse of the forløb covering `fra`.
public struct ExperimentOffer: Sendable, Hashable {
    public var fra: Day
    public var kategori: TilbudRow.Kategori
    public var akasse: String
}

/// A forløb as known at M with its conversation counts (FSG-0.4..0.7, FSG-2.1, FSG-2.2).
public struct ForloebFacts: Sendable, Hashable {
    public var forloeb: KnownForloeb
    /// FSG-0.6: unique conversations attributed to the forløb.
    public var uniqueConversations: Int
    /// FSG-0.7: distinct dates with an individual JOB or FJOB experiment line in the forløb.
    public var individualJobsamtaler: Int

    /// FSG-2.2 / FSG-B2: at least two individual jobsamtaler ("Ja").
    public var fokusJa: Bool { individualJobsamtaler >= 2 }
}

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

/// Everything the monitoring tables need about one person as known at M.
public struct ExperimentPersonFacts: Sendable, Hashable {
    public var pnr: Int64
    /// The person's forløb with an experiment a-kasse, as known at M.
    public var forloeb: [ForloebFacts]
    /// Unique conversations up to last(M), in date order.
    public var conversations: [ExperimentConversation]
    /// Experiment offers with `fra` up to last(M), in (fra, kategori) order.
    public var offers: [ExperimentOffer]
    /// FSG-0.10 / FSG-1.3: (month, a-kasse) for each experiment month up to M in whose last week a
    /// forløb of that a-kasse covers a day.
    public var coveredLastWeek: [MonthAkasse]
    /// Tema 4: the person's dagpengeperioder of the cohort quarter in one of the populations.
    public var cohort: [CohortPeriod]
    /// Forløb dropped because their a-kasse is not one of the nine experiment a-kasser.
    public var unknownAkasse: Int
}

/// A (month, a-kasse) pair.
public struct MonthAkasse: Sendable, Hashable {
    public var month: YearMonth
    public var akasse: String
}
