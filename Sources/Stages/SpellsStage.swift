import ColumnStore
import Domain
import Pipeline

/// Stage kind `spells`: every benefit spell known at the end of M
/// (RULES.md SPELL-1..9, CONV-11), written to `checkpoints/spells/forloeb.arrow`
/// with `pnr`, `ydelsesgruppe`, `start`, `slut` (null while running),
/// `kommune_ultimo` and `forsikring` (H/D for a-dagpenge, else null).
public struct SpellsStage: PersonLevelStage {
    let declaration: StageDeclaration
    public let codeVersion = "spells-3"
    let historySources = PersonHistoryAssembler.timelineSources
    public let outputs = ["forloeb"]

    public init(declaration: StageDeclaration) {
        self.declaration = declaration
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let assembler = try assembler(context)
        let month = context.month
        // Each person's spells come sorted by group and start, and partitions come in pnr order,
        // so the rows are in (pnr, group, start) order whatever the partitioning. A spell is
        // turned into its row at once, so the timelines' day lists are never all held.
        let parts = assembler.map { h in SpellBuilder.spells(for: h, month: month).map { Row($0, month: month) } }
        let rows = parts.flatMap { $0.flatMap { $0 } }
        let table = Table(columns: [
            ColumnBuilder.utf8("pnr", rows.map { ColumnBuilder.pnrText($0.pnr) }),
            ColumnBuilder.utf8("ydelsesgruppe", rows.map(\.label)),
            ColumnBuilder.date("start", rows.map(\.start)),
            ColumnBuilder.date("slut", rows.map(\.slut), nullable: true),
            ColumnBuilder.utf8("kommune_ultimo", rows.map(\.kommuneUltimo)),
            ColumnBuilder.utf8("forsikring", rows.map(\.forsikring)),
            ColumnBuilder.utf8("gruppe_kode", rows.map(\.code)),
            ColumnBuilder.date("sidste_ydelsesdag", rows.map(\.lastBenefitDay), nullable: true),
        ])
        return StageResult(tables: ["forloeb": table])
    }

    /// One row of `forloeb`: what the checkpoint keeps of a spell.
    struct Row: Sendable {
        var pnr: Int64
        var label: String
        var start: Day
        var slut: Day?
        var kommuneUltimo: String?
        var forsikring: String?
        var code: String
        var lastBenefitDay: Day?

        init(_ s: Spell, month: YearMonth) {
            pnr = s.pnr
            label = s.groupLabel(month: month)
            start = s.start
            slut = s.slut
            kommuneUltimo = s.kommuneUltimo
            forsikring = s.forsikring?.code
            code = s.groupCode(month: month)
            lastBenefitDay = s.lastBenefitDay
        }
    }
}
