import Domain

/// A person's history as known at one month (``PersonHistoryAssembler/mapMonths(_:threads:onlyWithBenefit:_:)``),
/// read in two steps: the sources of ``Domain/PersonTimeline`` at once, the whole history only
/// when asked for (most person-months of the focus measure never need their talks).
struct MonthHistory {
    /// The history with only ``PersonHistoryAssembler/timelineSources`` read (the others empty).
    let timeline: PersonHistory
    /// Reads the whole history (every source of the assembler).
    let complete: () -> PersonHistory
}
