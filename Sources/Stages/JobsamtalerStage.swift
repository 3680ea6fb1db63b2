import ColumnStore
import Domain
import Foundation
import Pipeline

/// Stage kind `jobsamtaler`: the jobsamtaler measurement of month M (RULES.md Part A, in the
/// order of EXEMPT-8: POP-1..4 → POP-5 → EXEMPT-6 → EXEMPT-3 → TALK → MEAS).
///
/// Each person's ``Domain/PersonTimeline`` is built once from the normalised tables (the
/// timeline sources plus `samtale`, `tilbud`, `tilmelding`) and everything for that person is
/// done in one pass. Writes `checkpoints/jobsamtaler/maalte.arrow` (one row per measured or
/// exempt (person, group)), `measures/jobsamtaler.csv` and the identical
/// `published/jobsamtaler.csv` (MEAS-6: not discretised).
///
/// It reads `durations/varighed` (input named by parameter `durations`, default `durations`) only
/// as a cross-check: it computes the same duration rows with the same Domain code in its one pass
/// per person, and every varighed row must be measured, exempt, or removed by POP-5/POP-6
/// (a mismatch is a note in run.json and counter `varighed_mismatch`).
public struct JobsamtalerStage: PersonLevelStage {
    let declaration: StageDeclaration
    /// The code version, also for stages that keep results computed with this stage's logic.
    static let version = "jobsamtaler-2"
    public let codeVersion = JobsamtalerStage.version
    let historySources = JobsamtalerStage.sources
    /// The person-history sources of the measurement (also of the focus measure's earlier months).
    static let sources = PersonHistoryAssembler.timelineSources + ["samtale", "tilbud", "tilmelding"]
    public let outputs = ["maalte"]
    public let fileOutputs = ["measures/jobsamtaler.csv", "published/jobsamtaler.csv"]

    public init(declaration: StageDeclaration) {
        self.declaration = declaration
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let assembler = try assembler(context)
        let month = context.month
        // A person without a benefit record in M has no row and no counter (JobsamtaleMeasurement.measure).
        let parts = assembler.map(benefitIn: month) { JobsamtaleMeasurement.measure($0, month: month) }
        var persons: [MeasuredPerson] = []
        var counters = JobsamtaleCounters()
        for p in parts { for r in p { persons.append(contentsOf: r.persons); counters = counters + r.counters } }
        // Deterministic order whatever the partitioning: pnr, then group.
        persons.sort { ($0.pnr, $0.group.rawValue) < ($1.pnr, $1.group.rawValue) }
        let csv = JobsamtaleTable(month: month, entries: persons.map(JobsamtaleTable.Entry.init)).csv.data
        // EXEMPT-8: POP-1..4 (durations) → POP-5 → EXEMPT-6 → the rest; nothing else drops a row.
        let varighed = try context.table(parameters["durations"] ?? "durations", "varighed").rowCount
        let accounted = persons.count + counters.absentAllMonth + counters.code91Excluded
        var notes: [String] = []
        if varighed != accounted {
            notes.append("durations/varighed has \(varighed) rows, the measurement accounts for \(accounted)")
        }
        return StageResult(
            tables: ["maalte": Self.table(persons)],
            files: ["measures/jobsamtaler.csv": csv, "published/jobsamtaler.csv": csv],
            counters: [
                "varighed_mismatch": abs(varighed - accounted),
                "maalte": persons.filter { !$0.isExempt }.count,
                "fritagne": persons.filter(\.isExempt).count,
                "pop5_fravaer": counters.absentAllMonth,
                "pop6_kode91": counters.code91Excluded,
                "missing_person": counters.missingPerson,
            ],
            notes: notes)
    }

    /// The `maalte` checkpoint table.
    static func table(_ rows: [MeasuredPerson]) -> Table {
        Table(columns: [
            ColumnBuilder.utf8("pnr", rows.map { ColumnBuilder.pnrText($0.pnr) }),
            ColumnBuilder.utf8("ydelsesgruppe", rows.map(\.duration.groupLabel)),
            ColumnBuilder.utf8("kommune", rows.map(\.duration.kommune), nullable: true),
            ColumnBuilder.utf8("varighed", rows.map(\.duration.interval)),
            ColumnBuilder.int32("samtaler", rows.map { $0.talks.map(Int32.init) }, nullable: true),
            ColumnBuilder.bool("fritaget", rows.map(\.isExempt)),
            ColumnBuilder.float64("fritagelsesandel", rows.map(\.exemption.share)),
            ColumnBuilder.date("vindue_start", rows.map(\.talkWindowStart)),
            ColumnBuilder.date("forloeb_start", rows.map(\.duration.spellStart)),
            ColumnBuilder.date("sidste_dag", rows.map(\.duration.e)),
            ColumnBuilder.date("maalevindue_start", rows.map(\.window.start)),
            ColumnBuilder.int32("mii_dage", rows.map { Int32($0.exemption.miiDays) }),
            ColumnBuilder.bool("alle_grupper", rows.map(\.allGroups)),
            ColumnBuilder.utf8("varighed_samlet", rows.map(\.duration.summary)),
            ColumnBuilder.utf8("aarsbaand", rows.map(\.duration.yearBand), nullable: true),
            ColumnBuilder.utf8("taelte_datoer", rows.map { $0.isExempt ? nil : $0.talkDates.map(\.description).joined(separator: ",") }, nullable: true),
            ColumnBuilder.date("foerste_jobsamtale", rows.map(\.firstTalk), nullable: true),
            ColumnBuilder.int32("varighed_dage", rows.map { $0.duration.durationDays.map(Int32.init) }, nullable: true),
            ColumnBuilder.float64("varighed_timer", rows.map(\.duration.durationHours), nullable: true),
            ColumnBuilder.utf8("gruppe_kode", rows.map(\.duration.groupCode)),
        ])
    }
}
