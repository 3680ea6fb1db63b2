import ColumnStore
import Domain
import Pipeline

/// Stage kind `forsoegsperiode`: for every experiment forløb visited by the end
/// of M, the dagpenge hours consumed since visitation (FSG-0.3, with the two
/// suspension windows) and the day 410 (H) or 333 (D) hours were reached.
/// Writes `checkpoints/forsoegsperiode/forsoegsperiode.arrow`.
public struct ForsoegsperiodeStage: PersonLevelStage {
    let declaration: StageDeclaration
    public let codeVersion = "forsoegsperiode-1"
    let historySources = ["taeller", "fleur", "forsoeg"]
    public let outputs = ["forsoegsperiode"]

    public init(declaration: StageDeclaration) {
        self.declaration = declaration
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let assembler = try assembler(context)
        let month = context.month
        // Only persons with a forsøg row can have a row here (ForsoegsperiodeCalculator.periods).
        let parts = assembler.map(where: { reader, rows in reader.hasRows(.forsoeg, rows: rows) }) {
            ForsoegsperiodeCalculator.periods(for: $0, month: month)
        }
        let rows = parts.flatMap { $0.flatMap { $0 } }.sorted { ($0.forloebId, $0.pnr) < ($1.forloebId, $1.pnr) }
        let table = Table(columns: [
            ColumnBuilder.utf8("forloeb_id", rows.map(\.forloebId)),
            ColumnBuilder.pnr("pnr", rows.map(\.pnr)),
            ColumnBuilder.utf8("akasse", rows.map(\.akasse)),
            ColumnBuilder.utf8("forsikring", rows.map(\.forsikring.code)),
            ColumnBuilder.date("visitationsdato", rows.map(\.visitationsdato)),
            ColumnBuilder.float64("timer_forbrugt", rows.map(\.timerForbrugt)),
            ColumnBuilder.date("fuld_periode_dato", rows.map(\.fuldPeriodeDato), nullable: true),
        ])
        return StageResult(tables: ["forsoegsperiode": table], counters: ["fuld_periode": rows.filter { $0.fuldPeriodeDato != nil }.count])
    }
}
