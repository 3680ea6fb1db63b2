import ColumnStore

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
    /// forløb of that a-kasse covers a day; in month order, each pair once.
    public var coveredLastWeek: [MonthAkasse]
    /// Tema 4: the person's dagpengeperioder of the cohort quarter in one of the populations.
    public var cohort: [CohortPeriod]
    /// Forløb dropped because their a-kasse is not one of the nine experiment a-kasser.
    public var unknownAkasse: Int
}
