import ColumnStore
import Domain
import Foundation
import Pipeline

/// Stage kind `jobsamtaler`: the jobsamtaler measurement of month M (RULES.md Part A) as
/// tables. The measurement itself is made in the person pass of the `durations` stage (input named
/// by parameter `durations`, default `durations`), which builds each person's timeline once for
/// both; this stage reads its `maalte` table and writes it as `checkpoints/jobsamtaler/maalte.arrow`
/// (one row per measured or exempt (person, group)) with `measures/jobsamtaler.csv` and the
/// identical `published/jobsamtaler.csv` (MEAS-6: not discretised). Counters `maalte` and
/// `fritagne`; the POP-5/POP-6 counts and the EXEMPT-8 check are the `durations` stage's.
public struct JobsamtalerStage: Stage {
    public let name: String
    public let inputs: [String]
    public let parameters: [String: String]
    /// The code version, also for stages that keep results computed with this stage's logic.
    static let version = "jobsamtaler-2"
    public let codeVersion = JobsamtalerStage.version
    /// The person-history sources of the measurement (also of the focus measure's earlier months).
    static let sources = PersonHistoryAssembler.timelineSources + ["samtale", "tilbud", "tilmelding"]
    public let outputs = ["maalte"]
    public let fileOutputs = ["measures/jobsamtaler.csv", "published/jobsamtaler.csv"]
    /// The stage whose `maalte` this stage publishes.
    let durationsStage: String

    public init(declaration: StageDeclaration) throws {
        name = declaration.name
        inputs = declaration.inputs
        parameters = declaration.parameters
        durationsStage = try declaration.declaredInput(parameter: "durations", default: "durations")
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let maalte = try context.table(durationsStage, "maalte")
        let csv = JobsamtaleTable(month: context.month, entries: JobsamtaleTable.Entry.rows(of: maalte)).csv.data
        let exempt = maalte.column("fritaget").boolValues.filter { $0 }.count
        return StageResult(
            tables: ["maalte": maalte],
            files: ["measures/jobsamtaler.csv": csv, "published/jobsamtaler.csv": csv],
            counters: ["maalte": maalte.rowCount - exempt, "fritagne": exempt])
    }

    /// The `maalte` checkpoint table.
    static func table(_ rows: [MeasuredPerson]) -> Table {
        ColumnBuilder.table(columns(rows))
    }

    /// The column makers of ``table(_:)``.
    static func columns(_ rows: [MeasuredPerson]) -> [@Sendable () -> Column] {
        [
            { ColumnBuilder.pnr("pnr", rows.map(\.pnr)) },
            { ColumnBuilder.utf8("ydelsesgruppe", rows.map(\.duration.groupLabel)) },
            { ColumnBuilder.utf8("kommune", rows.map(\.duration.kommune), nullable: true) },
            { ColumnBuilder.utf8("varighed", rows.map(\.duration.interval)) },
            { ColumnBuilder.int32("samtaler", rows.map { $0.talks.map(Int32.init) }, nullable: true) },
            { ColumnBuilder.bool("fritaget", rows.map(\.isExempt)) },
            { ColumnBuilder.float64("fritagelsesandel", rows.map(\.exemption.share)) },
            { ColumnBuilder.date("vindue_start", rows.map(\.talkWindowStart)) },
            { ColumnBuilder.date("forloeb_start", rows.map(\.duration.spellStart)) },
            { ColumnBuilder.date("sidste_dag", rows.map(\.duration.e)) },
            { ColumnBuilder.date("maalevindue_start", rows.map(\.window.start)) },
            { ColumnBuilder.int32("mii_dage", rows.map { Int32($0.exemption.miiDays) }) },
            { ColumnBuilder.bool("alle_grupper", rows.map(\.allGroups)) },
            { ColumnBuilder.utf8("varighed_samlet", rows.map(\.duration.summary)) },
            { ColumnBuilder.utf8("aarsbaand", rows.map(\.duration.yearBand), nullable: true) },
            { ColumnBuilder.utf8("taelte_datoer", rows.map { $0.isExempt ? nil : $0.talkDates.map(\.description).joined(separator: ",") }, nullable: true) },
            { ColumnBuilder.date("foerste_jobsamtale", rows.map(\.firstTalk), nullable: true) },
            { ColumnBuilder.int32("varighed_dage", rows.map { $0.duration.durationDays.map(Int32.init) }, nullable: true) },
            { ColumnBuilder.float64("varighed_timer", rows.map(\.duration.durationHours), nullable: true) },
            { ColumnBuilder.utf8("gruppe_kode", rows.map(\.duration.groupCode)) },
        ]
    }
}
