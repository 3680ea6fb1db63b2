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
        let parts = assembler.map { SpellBuilder.spells(for: $0, month: month) }
        // Deterministic order whatever the partitioning: pnr, group, start.
        let spells = parts.flatMap { $0.flatMap { $0 } }
            .sorted { ($0.pnr, $0.group.rawValue, $0.start) < ($1.pnr, $1.group.rawValue, $1.start) }
        let table = Table(columns: [
            ColumnBuilder.utf8("pnr", spells.map { ColumnBuilder.pnrText($0.pnr) }),
            ColumnBuilder.utf8("ydelsesgruppe", spells.map { $0.groupLabel(month: month) }),
            ColumnBuilder.date("start", spells.map(\.start)),
            ColumnBuilder.date("slut", spells.map(\.slut), nullable: true),
            ColumnBuilder.utf8("kommune_ultimo", spells.map(\.kommuneUltimo)),
            ColumnBuilder.utf8("forsikring", spells.map { $0.forsikring?.code }),
            ColumnBuilder.utf8("gruppe_kode", spells.map { $0.groupCode(month: month) }),
            ColumnBuilder.date("sidste_ydelsesdag", spells.map(\.lastBenefitDay), nullable: true),
        ])
        return StageResult(tables: ["forloeb": table])
    }
}
