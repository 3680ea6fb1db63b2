import Domain

/// One person's rows in the assembler's tables (``PersonHistoryAssembler/mapPersons(threads:_:)``).
struct PersonRows {
    let pnr: Int64
    /// Per slot (``PersonHistoryAssembler/slotSources``), the person's rows of that table.
    let rows: [Range<Int>]
    let reader: HistoryReader
    /// The person's history from these rows.
    func history() -> PersonHistory { reader.history(pnr: pnr, rows: rows) }
}
