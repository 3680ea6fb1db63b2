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
/// with `_delivery`; the rows of the deliveries up to m, with keyed replacement, are exactly
/// the normalised tables of a run for m. All earlier months not in the month cache are
/// measured in one pass (``focusCells(months:extracts:deliveryMonths:layouts:partitions:)``). Writes `checkpoints/jobsamtaler_fokus/fokus_maaneder.arrow`
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

        // The earlier months: from the cache, or all that are missing measured in one pass over
        // every version of the extract rows (each person's history read as known at each month).
        var cached: [YearMonth: [String: JobsamtaleTable.Cell]] = [:]
        var missing: [YearMonth] = []
        var keys: [YearMonth: String] = [:]
        var m = first
        while m < month {
            let key = monthKey(m)
            keys[m] = key
            if let key, let cells = cache?.read(m, key: key) { cached[m] = cells } else { missing.append(m) }
            m = m.advanced(by: 1)
        }
        let measured = Self.focusCells(months: missing, extracts: extracts, deliveryMonths: deliveryMonths,
                                       layouts: sources.map(\.layout), partitions: parameters["partitions"].flatMap(Int.init))
        for (m, cells) in measured {
            if let key = keys[m] { cache?.keep(cells, m, key: key) }
            cached[m] = cells
        }
        m = first
        while m < month {
            monthly.append((m, cached[m] ?? [:]))
            m = m.advanced(by: 1)
        }
        let fromCache = JobsamtaleFocus.months - 1 - missing.count
        let maalte = try context.table(measureStage, "maalte")
        let current = JobsamtaleTable(month: month, entries: JobsamtaleTable.Entry.rows(of: maalte)).focusCells
        if let key = monthKey(month) { cache?.keep(current, month, key: key) }   // for next month's run
        monthly.append((month, current))
        let csv = Self.csv(monthly, month: month).data
        return StageResult(tables: ["fokus_maaneder": Self.table(monthly)],
                           files: ["measures/jobsamtaler_fokus.csv": csv, "published/jobsamtaler_fokus.csv": csv],
                           counters: ["fokus_maaneder_cached": fromCache])
    }

    /// The FOCUS cells of each of `months` (Måling 2/3 of (kommune, I alt, 12+)), each month as
    /// known then (CONV-3): every version of the extract rows is sorted once
    /// (``VersionedSource``) and each person is measured for every month from the rows known
    /// at that month, only as far as the focus measure needs (``JobsamtaleScope/focus``).
    /// `deliveryMonths[i][d]` is the month of delivery index d of source i.
    static func focusCells(months: [YearMonth], extracts: [Table], deliveryMonths: [[YearMonth]], layouts: [SourceLayout],
                           partitions: Int?) -> [(YearMonth, [String: JobsamtaleTable.Cell])] {
        guard let lo = months.min(), let hi = months.max() else { return [] }
        let versions = Parallel.map(layouts.count) { i in
            VersionedSource(extract: extracts[i], layout: layouts[i], deliveryMonths: deliveryMonths[i], months: lo...hi)
        }
        var byName: [String: VersionedSource] = [:]
        for (i, l) in layouts.enumerated() { byName[l.name] = versions[i] }
        let assembler = PersonHistoryAssembler(versions: byName, partitions: partitions ?? Parallel.width * 8)
        let slot = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($0.element, $0.offset) })
        let parts = assembler.mapMonths(months) { m, h in
            (slot[m]!, JobsamtaleMeasurement.measure(h, month: m, scope: .focus).persons.map(JobsamtaleTable.Entry.init))
        }
        var entries = [[JobsamtaleTable.Entry]](repeating: [], count: months.count)
        for part in parts { for (i, e) in part { entries[i].append(contentsOf: e) } }
        return months.enumerated().map { i, m in (m, JobsamtaleTable(month: m, entries: entries[i]).focusCells) }
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
