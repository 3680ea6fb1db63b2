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
        let parts = assembler.map { h in SpellBuilder.spells(for: h, month: month).map(Row.init) }
        let rows = parts.flatMap { $0.flatMap { $0 } }
        let table = Table(columns: [
            ColumnBuilder.utf8("pnr", rows.map { ColumnBuilder.pnrText($0.pnr) }),
            ColumnBuilder.utf8("ydelsesgruppe", rows.map { groupLabel($0.group, sats: $0.sats, month: month) }),
            ColumnBuilder.date("start", rows.map(\.start)),
            ColumnBuilder.date("slut", rows.map(\.slut), nullable: true),
            ColumnBuilder.utf8("kommune_ultimo", rows.map(\.kommuneUltimo)),
            ColumnBuilder.utf8("forsikring", rows.map { $0.forsikring?.code }),
            ColumnBuilder.utf8("gruppe_kode", rows.map { groupCode($0.group, sats: $0.sats, month: month) }),
            ColumnBuilder.date("sidste_ydelsesdag", rows.map(\.lastBenefitDay), nullable: true),
        ])
        return StageResult(tables: ["forloeb": table])
    }

    /// One row of `forloeb`: what the checkpoint keeps of a spell, small (the labels are made
    /// when the column is; there is a row per spell of every person).
    struct Row: Sendable {
        var pnr: Int64
        var group: BenefitGroup
        var sats: KHSats?
        var forsikring: Forsikring?
        var start: Day
        var slut: Day?
        var lastBenefitDay: Day?
        var kommuneUltimo: String?

        init(_ s: Spell) {
            pnr = s.pnr
            group = s.group
            sats = s.sats
            forsikring = s.forsikring
            start = s.start
            slut = s.slut
            lastBenefitDay = s.lastBenefitDay
            kommuneUltimo = s.kommuneUltimo
        }
    }
}
