import ColumnStore

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
