
/// The slot of each source a ``HistoryReader`` reads (its position in a person's row ranges),
/// indexed by source: the per-person history build looks slots up here instead of hashing source
/// names.
struct SourceSlots {
    /// The sources of ``PersonHistoryAssembler/sources``.
    enum Source: Int, CaseIterable {
        case person, taeller, fleur, ky, ksd, fravaer, maalgruppe, bopael, forsoeg, samtale, tilbud, tilmelding, eindkomst

        var name: String { "\(self)" }
    }

    private let slots: [Int?]
    private let timeline: [Bool]

    init(_ slot: [String: Int]) {
        slots = Source.allCases.map { slot[$0.name] }
        let t = Set(PersonHistoryAssembler.timelineSources)
        timeline = Source.allCases.map { t.contains($0.name) }
    }

    /// The slot of `source`, or nil when the reader does not read it.
    subscript(source: Source) -> Int? { slots[source.rawValue] }

    /// Whether `source` is one of ``PersonHistoryAssembler/timelineSources``.
    func isTimeline(_ source: Source) -> Bool { timeline[source.rawValue] }
}
