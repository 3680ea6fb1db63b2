import ColumnStore
import Domain
import Pipeline

/// Stage kind `durations`: for reporting month M, one row per person and
/// measured group with a benefit day in M that passes POP-1..4, with the
/// duration (DUR-1..8, dead periods paused) and its Skema 1 labels (INT-1..3).
/// Writes `checkpoints/durations/varighed.arrow`.
///
/// Only persons who may have a benefit record in M are read (the benefit pre-check of
/// ``PersonHistoryAssembler/map(threads:benefitIn:_:)``): a row or counter needs a benefit day in
/// M (a paid FLEUR 01-05, `ky` or `ksd` day) or a FLEUR 01-05 group overlapping M, and each of
/// those lies inside a row the pre-check looks at.
public struct DurationsStage: PersonLevelStage {
    let declaration: StageDeclaration
    public let codeVersion = "durations-2"
    let historySources = PersonHistoryAssembler.timelineSources
    public let outputs = ["varighed"]

    public init(declaration: StageDeclaration) {
        self.declaration = declaration
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let assembler = try assembler(context)
        let month = context.month
        let parts = assembler.map(benefitIn: month) { DurationCalculator.durations(for: $0, month: month) }
        var rows: [DurationRow] = []
        var counters = DurationCounters()
        for p in parts { for r in p { rows.append(contentsOf: r.rows); counters = counters + r.counters } }
        // Deterministic order whatever the partitioning: pnr, then group.
        rows.sort { ($0.pnr, $0.group.rawValue) < ($1.pnr, $1.group.rawValue) }
        return StageResult(
            tables: ["varighed": Self.table(rows)],
            counters: [
                "missing_person": counters.missingPerson,
                "no_dagpengeperiode": counters.noDagpengeperiode,
                "negative_net_groups": counters.negativeNetGroups,
            ])
    }

    /// The checkpoint table of `rows`.
    static func table(_ rows: [DurationRow]) -> Table {
        Table(columns: [
            ColumnBuilder.utf8("pnr", rows.map { ColumnBuilder.pnrText($0.pnr) }),
            ColumnBuilder.utf8("ydelsesgruppe", rows.map(\.groupLabel)),
            ColumnBuilder.date("forloeb_start", rows.map(\.spellStart)),
            ColumnBuilder.date("sidste_dag", rows.map(\.e)),
            ColumnBuilder.int32("varighed_dage", rows.map { $0.durationDays.map(Int32.init) }, nullable: true),
            ColumnBuilder.float64("varighed_timer", rows.map(\.durationHours), nullable: true),
            ColumnBuilder.utf8("varighed", rows.map(\.interval)),
            ColumnBuilder.utf8("varighed_samlet", rows.map(\.summary)),
            ColumnBuilder.utf8("aarsbaand", rows.map(\.yearBand)),
            ColumnBuilder.utf8("kommune", rows.map(\.kommune)),
            ColumnBuilder.utf8("forsikring", rows.map { $0.forsikring?.code }),
            ColumnBuilder.utf8("gruppe_kode", rows.map(\.groupCode)),
        ])
    }
}
