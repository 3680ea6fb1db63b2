import ColumnStore
import Domain
import Foundation
import Pipeline
import Publishing
import YdelseIO

/// Stage kind `jobsamtaler_fokus`: the skærpet-tilsyn focus measure (FOCUS-1..3) of month M:
/// for every kommune and the whole country, the mean of Måling 4 for all groups (POP-7) and
/// `12 måneder og derover` over the 12 months M−11..M, each month as known then (CONV-3).
///
/// Month M comes from the `jobsamtaler` stage's `maalte` checkpoint (parameter `measure`), the 11
/// earlier months from the `jobsamtaler_fokus_maaneder` stage (parameter `months`); M's cells are
/// kept in `OUT/.cache/fokus` (keyed by the deliveries of that stage's sources) for next month's run.
/// Writes `checkpoints/jobsamtaler_fokus/fokus_maaneder.arrow` (the monthly Måling 2/3/4 per
/// kommune behind the mean), `measures/jobsamtaler_fokus.csv` and the identical
/// `published/jobsamtaler_fokus.csv`.
///
/// `periode` is written `2022M07-2023M06` (first and last month of the 12); `ydelsesgruppe` is
/// `I alt`. Rows: every kommune with a cell in any of the 12 months (code order), then `I alt`.
public struct JobsamtalerFokusStage: Stage {
    public let name: String
    public let inputs: [String]
    public let parameters: [String: String]
    public let codeVersion = "jobsamtaler_fokus-2"
    public let outputs = ["fokus_maaneder"]
    public let fileOutputs = ["measures/jobsamtaler_fokus.csv", "published/jobsamtaler_fokus.csv"]
    /// The jobsamtaler stage whose `maalte` gives month M.
    let measureStage: String
    /// The stage whose `maaneder` gives the 11 earlier months.
    let monthsStage: String

    public init(declaration: StageDeclaration) throws {
        name = declaration.name
        inputs = declaration.inputs
        parameters = declaration.parameters
        measureStage = try declaration.declaredInput(parameter: "measure", default: "jobsamtaler")
        monthsStage = try declaration.declaredInput(parameter: "months", default: "jobsamtaler_fokus_maaneder")
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let month = context.month
        let first = month.advanced(by: -(JobsamtaleFocus.months - 1))
        let earlier = JobsamtalerFokusMonthsStage.cells(of: try context.table(monthsStage, "maaneder"))
        var monthly = JobsamtalerFokusMonthsStage.months(first..<month).map { ($0, earlier[$0] ?? [:]) }
        let maalte = try context.table(measureStage, "maalte")
        let current = JobsamtaleTable(month: month, entries: JobsamtaleTable.Entry.rows(of: maalte)).focusCells
        // For next month's run: M's cells, keyed by the deliveries of the months stage's sources.
        if parameters["cache"] != "off" {
            let kilder = try context.table(monthsStage, "kilder").column("kilde")
            let layouts = (0..<kilder.count).compactMap { kilder.text(at: $0).flatMap(SourceCatalog.layout(named:)) }
            let outFolder = context.runDirectory.deletingLastPathComponent()
            let cache = JobsamtalerFokusMonthsStage.cache(outputDirectory: outFolder)
            if let key = try cache.keys([month], layouts: layouts, dataDirectory: context.dataDirectory, outputDirectory: outFolder)[month] {
                cache.keep(current, month, key: key)
            }
        }
        monthly.append((month, current))
        let csv = Self.csv(monthly, month: month).data
        return StageResult(tables: ["fokus_maaneder": Self.table(monthly)],
                           files: ["measures/jobsamtaler_fokus.csv": csv, "published/jobsamtaler_fokus.csv": csv])
    }

    /// `periode` of the 12 months ending M: `2022M07-2023M06`.
    static func periodLabel(_ month: YearMonth) -> String {
        JobsamtaleTable.monthLabel(month.advanced(by: -(JobsamtaleFocus.months - 1))) + "-" + JobsamtaleTable.monthLabel(month)
    }

    static func kommuner(_ monthly: [(YearMonth, [String: JobsamtaleTable.Cell])]) -> [String] {
        let all = Set(monthly.flatMap { $0.1.keys })
        return all.filter { $0 != JobsamtaleTable.total }.sorted() + [JobsamtaleTable.total]
    }

    static func csv(_ monthly: [(YearMonth, [String: JobsamtaleTable.Cell])], month: YearMonth) -> CSVTable {
        var t = CSVTable(header: ["periode", "kommune", "ydelsesgruppe", "andel_faerre_end_4_gns"])
        for k in kommuner(monthly) {
            let mean = JobsamtaleFocus.mean(monthly.map { $0.1[k]?.share })
            t.append([periodLabel(month), k, JobsamtaleTable.total, mean.map { DanishNumber.percent($0, decimals: 2) } ?? ""])
        }
        return t
    }

    static func table(_ monthly: [(YearMonth, [String: JobsamtaleTable.Cell])]) -> Table {
        var maaned: [String] = [], kommune: [String] = [], personer: [Int32?] = [], faerre: [Int32?] = [], andel: [Double?] = []
        for k in kommuner(monthly) {
            for (m, cells) in monthly {
                maaned.append(JobsamtaleTable.monthLabel(m))
                kommune.append(k)
                let c = cells[k]
                personer.append(c.map { Int32($0.persons) })
                faerre.append(c.map { Int32($0.fewerThanFour) })
                andel.append(c?.share)
            }
        }
        return Table(columns: [
            ColumnBuilder.utf8("kommune", kommune),
            ColumnBuilder.utf8("maaned", maaned),
            ColumnBuilder.int32("personer", personer, nullable: true),
            ColumnBuilder.int32("faerre_end_4", faerre, nullable: true),
            ColumnBuilder.float64("andel_faerre_end_4", andel, nullable: true),
        ])
    }
}
