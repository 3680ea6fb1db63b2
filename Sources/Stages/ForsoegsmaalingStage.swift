import ColumnStore
import Domain
import Foundation
import Pipeline
import Publishing

/// Stage kind `forsoegsmaaling`: the monitoring of the experiment "Mere ansvar til a-kasser"
/// for report month M (RULES.md Part B: FSG-0, FSG-S, Tema 1-4, Bilag, DISC). Person by person
/// (partition-parallel) it computes each forløb as known at M with its conversations, the
/// experiment offers, last-week coverage and the Tema 4 cohort; then it aggregates every table
/// of OUTPUTS.md into `measures/` (exact) and `published/` (discretised), plus
/// `measures/kvalitet_forsoegsperiode.csv` from the `forsoegsperiode` checkpoint. Its
/// checkpoint `forloeb` holds the per-forløb facts for `explain`/`diff`.
public struct ForsoegsmaalingStage: PersonLevelStage {
    let declaration: StageDeclaration
    public let codeVersion = "forsoegsmaaling-1"
    let historySources = ["taeller", "fleur", "ky", "ksd", "bopael", "forsoeg", "samtale", "tilbud", "eindkomst"]
    public let outputs = ["forloeb"]

    static let quality = "measures/kvalitet_forsoegsperiode.csv"

    public var fileOutputs: [String] {
        MonitoringTables.tableNames.flatMap { ["measures/\($0)", "published/\($0)"] } + [Self.quality]
    }

    public init(declaration: StageDeclaration) {
        self.declaration = declaration
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let hours = try consumedHours(context)
        let month = context.month
        // Facts are kept for persons with a forløb (a forsøg row) or a Tema 4 cohort period (a
        // dagpengeperiode starting in the cohort quarter, by M): the others are never read.
        let quarter = DomainRules.standard.experiment.cohortQuarter(month)
        let cohortEnd = min(quarter.last, month.last)
        let facts = try assembler(context)
            .map(where: { reader, rows in
                reader.hasRows(.forsoeg, rows: rows) || reader.hasDagpengeperiode(startingIn: quarter.first, cohortEnd, rows: rows)
            }) { ExperimentFactsCalculator.facts(for: $0, month: month) }
            .flatMap { $0 }.filter { !$0.forloeb.isEmpty || !$0.cohort.isEmpty || $0.unknownAkasse > 0 }
        let tables = MonitoringTables(month: month, persons: facts)
        var files: [String: Data] = [:]
        for t in tables.all() {
            files["measures/\(t.name)"] = t.exactCSV.data
            let published = t.publishedCSV.text
            guard !PnrGuard.holdsPnrLikeNumber(published) else {
                throw ForsoegsmaalingError("published/\(t.name) would hold a 10-digit number (a pnr?); nothing was published")
            }
            files["published/\(t.name)"] = Data(published.utf8)
        }
        let quality = tables.kvalitet(hours)
        files[Self.quality] = quality.data
        return StageResult(
            tables: ["forloeb": Self.forloebTable(facts)], files: files,
            counters: [
                "forloeb": tables.forloeb.count,
                "forloeb_ukendt_akasse": facts.reduce(0) { $0 + $1.unknownAkasse },
                "kohorte_perioder": tables.cohort.count,
                "kvalitet_afvigelser": quality.rows.count,
            ])
    }

    /// The `forsoegsperiode` checkpoint (a declared input; parameter `forsoegsperiode` names the
    /// stage) by forloeb_id.
    func consumedHours(_ context: StageContext) throws -> [String: ConsumedHours] {
        let t = try context.table(parameters["forsoegsperiode"] ?? "forsoegsperiode", "forsoegsperiode")
        let ids = t.column("forloeb_id").strings, timer = t.column("timer_forbrugt").float64Values
        let full = t.column("fuld_periode_dato"), days = full.dateValues
        var out: [String: ConsumedHours] = [:]
        for i in 0..<t.rowCount {
            let reached = full.validity.map { $0[i] } ?? true
            out[ids[i]] = ConsumedHours(timerForbrugt: timer[i], fuldPeriodeDato: reached ? Day(rawValue: days[i]) : nil)
        }
        return out
    }

    /// `checkpoints/forsoegsmaaling/forloeb.arrow`: one row per forløb as known at M.
    static func forloebTable(_ facts: [ExperimentPersonFacts]) -> Table {
        let rows = facts.flatMap { p in p.forloeb.map { (pnr: p.pnr, f: $0) } }
            .sorted { ($0.f.forloeb.forloebId, $0.pnr) < ($1.f.forloeb.forloebId, $1.pnr) }
        return Table(columns: [
            ColumnBuilder.utf8("forloeb_id", rows.map(\.f.forloeb.forloebId)),
            ColumnBuilder.pnr("pnr", rows.map(\.pnr)),
            ColumnBuilder.utf8("akasse", rows.map(\.f.forloeb.akasse)),
            ColumnBuilder.utf8("kommune", rows.map(\.f.forloeb.kommune)),
            ColumnBuilder.date("visitationsdato", rows.map(\.f.forloeb.visitationsdato)),
            ColumnBuilder.date("afslutningsdato", rows.map(\.f.forloeb.afslutningsdato), nullable: true),
            ColumnBuilder.utf8("aarsag", rows.map { $0.f.forloeb.aarsag?.rawValue }),
            ColumnBuilder.int32("unikke_samtaler", rows.map { Int32($0.f.uniqueConversations) }),
            ColumnBuilder.int32("individuelle_jobsamtaler", rows.map { Int32($0.f.individualJobsamtaler) }),
            ColumnBuilder.bool("fokus_ja", rows.map(\.f.fokusJa)),
        ])
    }
}

/// The stage refused to publish a table.
struct ForsoegsmaalingError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
