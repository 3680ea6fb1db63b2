import ColumnStore
import Domain
import Foundation
import Pipeline
import Publishing
import YdelseIO

/// Stage kind `jobsamtaler_fokus`: the skærpet-tilsyn focus measure (FOCUS-1..3) of month M:
/// for every kommune and the whole country, the mean of Måling 4 for all groups (POP-7) and
/// `12 måneder og derover` over the 12 months M−11..M, each month as known then (CONV-3:
/// month m uses only deliveries up to m).
///
/// Month M comes from the `jobsamtaler` stage's `maalte` checkpoint. An earlier month m is
/// computed without a run of its own: the extract tables (inputs `extract_<source>`, the
/// sources of the jobsamtaler person histories) hold every delivery up to M in delivery order
/// with `_delivery`; keeping the rows of the deliveries up to m and normalising them (keyed
/// replacement, pnr sort: ``Normaliser``) gives exactly the normalised tables of a run for m,
/// which are then measured for m. Writes `checkpoints/jobsamtaler_fokus/fokus_maaneder.arrow`
/// (the monthly Måling 2/3/4 per kommune behind the mean), `measures/jobsamtaler_fokus.csv` and
/// the identical `published/jobsamtaler_fokus.csv`.
///
/// `periode` is written `2022M07-2023M06` (first and last month of the 12); `ydelsesgruppe` is
/// `I alt`. Rows: every kommune with a cell in any of the 12 months (code order), then `I alt`.
public struct JobsamtalerFokusStage: Stage {
    public let name: String
    public let inputs: [String]
    public let parameters: [String: String]
    public let codeVersion = "jobsamtaler_fokus-1"
    public let outputs = ["fokus_maaneder"]
    public let fileOutputs = ["measures/jobsamtaler_fokus.csv", "published/jobsamtaler_fokus.csv"]
    /// The jobsamtaler stage whose `maalte` gives month M.
    let measureStage: String
    /// The extract stages read, with their layouts.
    let sources: [(stage: String, layout: SourceLayout)]

    public init(declaration: StageDeclaration) throws {
        name = declaration.name
        inputs = declaration.inputs
        parameters = declaration.parameters
        let measure = declaration.parameters["measure"] ?? "jobsamtaler"
        measureStage = measure
        guard declaration.inputs.contains(measure) else {
            throw StageSetupError(stage: declaration.name, message: "input \(measure) (parameter `measure`) is not declared")
        }
        let historySources = PersonHistoryAssembler.sources
        sources = try declaration.inputs.filter { $0 != measure }.map { stage in
            let source = stage.hasPrefix("extract_") ? String(stage.dropFirst("extract_".count)) : stage
            guard let layout = SourceCatalog.layout(named: source), historySources.contains(source) else {
                throw StageSetupError(stage: declaration.name, message: "input \(stage) is not an extract stage of a person-history source")
            }
            return (stage, layout)
        }
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let month = context.month
        let first = month.advanced(by: -(JobsamtaleFocus.months - 1))
        var monthly: [(YearMonth, [String: JobsamtaleTable.Cell])] = []
        let extracts = try sources.map { try context.table($0.stage, $0.layout.name) }
        let extractor = SourceExtractor(dataDirectory: context.dataDirectory.path)
        let deliveries = try sources.map { try extractor.deliveries(of: $0.layout, upTo: month) }
        let deliveryMonths = deliveries.map { $0.map(\.month) }

        // Months already measured by earlier runs of this out folder (OUT/.cache/fokus).
        let outFolder = context.runDirectory.deletingLastPathComponent()
        let cache = parameters["cache"] == "off" ? nil
            : FokusMonthCache(outputDirectory: outFolder, codeVersions: [codeVersion, JobsamtalerStage.version])
        let deliveryCaches = sources.map { DeliveryCacheFolder(outputDirectory: outFolder, layout: $0.layout, codeVersion: ExtractStage.version) }
        var deliveryKeys: [String: String] = [:]
        func monthKey(_ m: YearMonth) -> String? {
            cache?.key(m, deliveries: deliveries, caches: deliveryCaches) { i, d in
                if let k = deliveryKeys[d.path] { return k }
                let k = deliveryCaches[i].key(of: d.path)
                deliveryKeys[d.path] = k
                return k
            }
        }

        var fromCache = 0
        var m = first
        while m < month {
            let key = monthKey(m)
            if let key, let cells = cache?.read(m, key: key) {
                monthly.append((m, cells))
                fromCache += 1
            } else {
                let tables = Self.knownAt(m, extracts: extracts, deliveryMonths: deliveryMonths, layouts: sources.map(\.layout))
                let cells = Self.focusCells(tables: tables, month: m, partitions: parameters["partitions"].flatMap(Int.init))
                if let key { cache?.keep(cells, m, key: key) }
                monthly.append((m, cells))
            }
            m = m.advanced(by: 1)
        }
        let maalte = try context.table(measureStage, "maalte")
        let current = JobsamtaleTable(month: month, entries: JobsamtaleTable.Entry.rows(of: maalte)).focusCells
        if let key = monthKey(month) { cache?.keep(current, month, key: key) }   // for next month's run
        monthly.append((month, current))
        let csv = Self.csv(monthly, month: month).data
        return StageResult(tables: ["fokus_maaneder": Self.table(monthly)],
                           files: ["measures/jobsamtaler_fokus.csv": csv, "published/jobsamtaler_fokus.csv": csv],
                           counters: ["fokus_maaneder_cached": fromCache])
    }

    /// The normalised tables of a run for month m (CONV-3): each extract's rows of the deliveries
    /// up to m, normalised. `deliveryMonths[i][d]` is the month of delivery index d of source i.
    static func knownAt(_ m: YearMonth, extracts: [Table], deliveryMonths: [[YearMonth]], layouts: [SourceLayout]) -> [String: Table] {
        let normalised = Parallel.map(layouts.count) { i -> Table in
            let last = deliveryMonths[i].lastIndex { $0 <= m }.map { Int32($0) } ?? -1
            let delivery = extracts[i].column("_delivery").int32Values
            // Extract rows are in delivery order, so the deliveries up to m are a prefix.
            let kept: Table
            if zip(delivery, delivery.dropFirst()).allSatisfy({ $0 <= $1 }) {
                var lo = 0, hi = delivery.count
                while lo < hi { let mid = (lo + hi) / 2; if delivery[mid] <= last { lo = mid + 1 } else { hi = mid } }
                kept = extracts[i].prefix(rows: lo)
            } else {
                kept = extracts[i].filter { delivery[$0] <= last }
            }
            return Normaliser.normalise(kept, layout: layouts[i]).table
        }
        var out: [String: Table] = [:]
        for (i, l) in layouts.enumerated() { out[l.name] = normalised[i] }
        return out
    }

    /// FOCUS cells of month m from normalised tables: Måling 2/3 of (kommune, I alt, 12+).
    static func focusCells(tables: [String: Table], month m: YearMonth, partitions: Int?) -> [String: JobsamtaleTable.Cell] {
        let assembler = PersonHistoryAssembler(tables: tables, partitions: partitions ?? Parallel.width * 8)
        let parts = assembler.map { JobsamtaleMeasurement.measure($0, month: m).persons.map(JobsamtaleTable.Entry.init) }
        return JobsamtaleTable(month: m, entries: parts.flatMap { $0.flatMap { $0 } }).focusCells
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
