import ColumnStore
import Domain
import Foundation
import Pipeline
import YdelseIO

/// Stage kind `jobsamtaler_fokus_maaneder`: the focus cells (FOCUS-1: Måling 1 buckets and
/// Måling 5 per kommune, all groups, `12 måneder og derover`) of the 11 months M−11..M−1 before
/// the reporting month, each as known then (CONV-3: month m uses only deliveries up to m).
///
/// It reads only the extract tables (inputs `extract_<source>`, the sources of the jobsamtaler
/// person histories), so it runs beside normalise → spells → durations → jobsamtaler, and the
/// extract tables can be freed when it and normalise are done. The extract tables hold every
/// delivery up to M in delivery order with `_delivery`; every version of their rows is sorted
/// once (``VersionedSource``) and each person is measured for every month from the rows known at
/// that month (``JobsamtalerFokusStage/focusCells(months:extracts:deliveryMonths:layouts:partitions:)``).
/// Months measured by an earlier run of the same out folder come from `OUT/.cache/fokus`
/// (``FokusMonthCache``), keyed by every delivery up to the month.
///
/// Outputs: `maaneder` (one row per month and kommune with a cell: the cells) and `kilder` (the
/// sources read, with which `jobsamtaler_fokus` keeps M's cells for next month's run).
public struct JobsamtalerFokusMonthsStage: Stage {
    public let name: String
    public let inputs: [String]
    public let parameters: [String: String]
    public let codeVersion = JobsamtalerFokusMonthsStage.version
    public let outputs = ["maaneder", "kilder"]
    /// The extract stages read, with their layouts.
    let sources: [(stage: String, layout: SourceLayout)]
    static let version = "jobsamtaler_fokus_maaneder-1"

    public init(declaration: StageDeclaration) throws {
        name = declaration.name
        inputs = declaration.inputs
        parameters = declaration.parameters
        let historySources = PersonHistoryAssembler.sources
        sources = try declaration.inputs.map { stage in
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
        let months = Self.months(first..<month)

        // Months already measured by earlier runs of this out folder (OUT/.cache/fokus).
        let outFolder = context.runDirectory.deletingLastPathComponent()
        let cache = parameters["cache"] == "off" ? nil : Self.cache(outputDirectory: outFolder)
        let keys = try cache?.keys(months, layouts: sources.map(\.layout), dataDirectory: context.dataDirectory,
                                   outputDirectory: outFolder) ?? [:]
        var cells: [YearMonth: [String: JobsamtaleTable.Cell]] = [:]
        var missing: [YearMonth] = []
        for m in months {
            if let key = keys[m], let c = cache?.read(m, key: key) { cells[m] = c } else { missing.append(m) }
        }
        if !missing.isEmpty {
            let extracts = try sources.map { try context.table($0.stage, $0.layout.name) }
            let extractor = SourceExtractor(dataDirectory: context.dataDirectory.path)
            let deliveryMonths = try sources.map { try extractor.deliveries(of: $0.layout, upTo: month).map(\.month) }
            let measured = JobsamtalerFokusStage.focusCells(
                months: missing, extracts: extracts, deliveryMonths: deliveryMonths,
                layouts: sources.map(\.layout), partitions: parameters["partitions"].flatMap(Int.init))
            for (m, c) in measured {
                if let key = keys[m] { cache?.keep(c, m, key: key) }
                cells[m] = c
            }
        }
        let monthly = months.map { ($0, cells[$0] ?? [:]) }
        return StageResult(tables: ["maaneder": Self.table(monthly), "kilder": Self.sourceTable(sources.map(\.layout.name))],
                           counters: ["fokus_maaneder_cached": JobsamtaleFocus.months - 1 - missing.count])
    }

    /// The month cache of an out folder, keyed by the code that computes the cells.
    static func cache(outputDirectory: URL) -> FokusMonthCache {
        FokusMonthCache(outputDirectory: outputDirectory, codeVersions: [version, JobsamtalerStage.version])
    }

    static func months(_ range: Range<YearMonth>) -> [YearMonth] {
        var out: [YearMonth] = []
        var m = range.lowerBound
        while m < range.upperBound { out.append(m); m = m.advanced(by: 1) }
        return out
    }

    /// `maaneder`: `maaned` (YYYY-MM), `kommune`, the six Måling 1 buckets and `fritagne`.
    static func table(_ monthly: [(YearMonth, [String: JobsamtaleTable.Cell])]) -> Table {
        var maaned: [String] = [], kommune: [String] = [], buckets = [[Int32?]](repeating: [], count: 6), exempt: [Int32?] = []
        for (m, cells) in monthly {
            for k in cells.keys.sorted() {
                let c = cells[k]!
                maaned.append(m.description)
                kommune.append(k)
                for b in 0..<6 { buckets[b].append(Int32(c.buckets[b])) }
                exempt.append(Int32(c.exempt))
            }
        }
        let names = FokusMonthCache.header.dropFirst()
        return Table(columns: [ColumnBuilder.utf8("maaned", maaned), ColumnBuilder.utf8("kommune", kommune)]
            + zip(names.prefix(6), buckets).map { ColumnBuilder.int32($0, $1) }
            + [ColumnBuilder.int32("fritagne", exempt)])
    }

    /// The cells of a `maaneder` table by month.
    static func cells(of t: Table) -> [YearMonth: [String: JobsamtaleTable.Cell]] {
        let names = Array(FokusMonthCache.header.dropFirst())
        let maaned = t.column("maaned"), kommune = t.column("kommune")
        let counts = names.map { t.column($0).int32Values }
        var out: [YearMonth: [String: JobsamtaleTable.Cell]] = [:]
        for i in 0..<t.rowCount {
            guard let m = maaned.text(at: i).flatMap(YearMonth.init), let k = kommune.text(at: i) else { continue }
            var c = JobsamtaleTable.Cell()
            c.buckets = (0..<6).map { Int(counts[$0][i]) }
            c.exempt = Int(counts[6][i])
            out[m, default: [:]][k] = c
        }
        return out
    }

    /// `kilder`: the sources the months were measured from (`kilde`), so that `jobsamtaler_fokus`
    /// keeps month M's cells under the key of the same deliveries.
    static func sourceTable(_ names: [String]) -> Table {
        Table(columns: [ColumnBuilder.utf8("kilde", names)])
    }
}
