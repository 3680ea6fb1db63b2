import ColumnStore
import Domain
import Foundation
import Pipeline
import YdelseIO

/// Stage kind `jobsamtaler_fokus_maaneder`: the focus cells (FOCUS-1: Måling 1 buckets and
/// Måling 5 per kommune, all groups, `12 måneder og derover`) of the 11 months M−11..M−1 before
/// the reporting month, each as known then (CONV-3: month m uses only deliveries up to m).
///
/// It reads the normalised tables of M (input `normalise`, parameter `normalise`) of the
/// jobsamtaler person-history sources and, for the keyed ones, their replaced versions
/// (`<source>_versioner`, which the normalise stage keeps for the 11 months when its parameter
/// `superseded_months` says so). A month's history of a person is the current rows delivered by
/// then plus the replaced versions known then: exactly what a run of that month would have
/// normalised (``PersonHistoryAssembler/mapMonths(_:threads:_:)``), measured in one pass for
/// all the months (``focusCells(months:current:superseded:deliveryMonths:partitions:)``).
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
    /// The normalise stage read.
    let normaliseStage: String
    /// The sources of the jobsamtaler person histories.
    let sources: [SourceLayout]
    static let version = "jobsamtaler_fokus_maaneder-2"

    public init(declaration: StageDeclaration) throws {
        name = declaration.name
        inputs = declaration.inputs
        parameters = declaration.parameters
        normaliseStage = try declaration.declaredInput(parameter: "normalise", default: "normalise")
        sources = JobsamtalerStage.sources.compactMap(SourceCatalog.layout(named:))
    }

    public func tablesRead(from input: String) -> Set<String>? {
        input == normaliseStage ? Normaliser.tablesRead(of: sources.map(\.name)) : nil
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let month = context.month
        let first = month.advanced(by: -(JobsamtaleFocus.months - 1))
        let months = Self.months(first..<month)

        // Months already measured by earlier runs of this out folder (OUT/.cache/fokus).
        let outFolder = context.runDirectory.deletingLastPathComponent()
        let cache = parameters["cache"] == "off" ? nil : Self.cache(outputDirectory: outFolder)
        let keys = try cache?.keys(months, layouts: sources, dataDirectory: context.dataDirectory, outputDirectory: outFolder) ?? [:]
        var cells: [YearMonth: [String: JobsamtaleTable.Cell]] = [:]
        var missing: [YearMonth] = []
        for m in months {
            if let key = keys[m], let c = cache?.read(m, key: key) { cells[m] = c } else { missing.append(m) }
        }
        if !missing.isEmpty {
            var current: [String: Table] = [:], superseded: [String: Table] = [:], deliveryMonths: [String: [YearMonth]] = [:]
            let extractor = SourceExtractor(dataDirectory: context.dataDirectory.path)
            for l in sources {
                current[l.name] = try context.table(normaliseStage, l.name)
                if l.key != nil {
                    superseded[l.name] = try context.table(normaliseStage, Normaliser.supersededName(l.name))
                }
                deliveryMonths[l.name] = try extractor.deliveries(of: l, upTo: month).map(\.month)
            }
            let measured = Self.focusCells(months: missing, current: current, superseded: superseded,
                                                           deliveryMonths: deliveryMonths,
                                                           partitions: parameters["partitions"].flatMap(Int.init))
            for (m, c) in measured {
                if let key = keys[m] { cache?.keep(c, m, key: key) }
                cells[m] = c
            }
        }
        let monthly = months.map { ($0, cells[$0] ?? [:]) }
        return StageResult(tables: ["maaneder": Self.table(monthly), "kilder": Self.sourceTable(sources.map(\.name))],
                           counters: ["fokus_maaneder_cached": JobsamtaleFocus.months - 1 - missing.count])
    }

    /// The FOCUS cells of each of `months` (Måling 2/3 of (kommune, I alt, 12+)), each month as
    /// known then (CONV-3), from the normalised tables of M (`current`) and the replaced versions
    /// of their keyed records (`superseded`, the normalise stage's `<source>_versioner`): each
    /// person is measured for every month from the rows known at that month, only as far as the
    /// focus measure needs (``JobsamtaleScope/focus``). `deliveryMonths[source][d]` is the month of
    /// delivery index d.
    static func focusCells(months: [YearMonth], current: [String: Table], superseded: [String: Table],
                           deliveryMonths: [String: [YearMonth]], partitions: Int?) -> [(YearMonth, [String: JobsamtaleTable.Cell])] {
        guard !months.isEmpty else { return [] }
        let assembler = PersonHistoryAssembler(current: current, superseded: superseded, deliveryMonths: deliveryMonths,
                                               partitions: partitions ?? Parallel.width * 8)
        // Slot of month m: slots[m.index - lowest] (asked twice per person-month; no hashing).
        let lowest = months.map(\.index).min()!
        var slots = [Int](repeating: -1, count: months.map(\.index).max()! - lowest + 1)
        for (i, m) in months.enumerated() { slots[m.index - lowest] = i }
        let slot = slots
        // A person without a benefit record in m has no row in m (JobsamtaleMeasurement.measure),
        // nor one whose spells cannot reach 12 months by m a row in a focus cell; the talk sources
        // are read only for a person-month whose POP-7 row is at 12+ (scope .focus).
        let windows = months.map { TwelveMonthWindow($0, rules: .standard) }
        let parts = assembler.mapMonths(months, where: { reader, rows, m in
            reader.mayHaveBenefit(rows: rows, in: m) && reader.mayReachTwelve(rows: rows, in: windows[slot[m.index - lowest]])
        }) { m, h in
            (slot[m.index - lowest], JobsamtaleMeasurement.measure(h.timeline, month: m, scope: .focus, talkSources: h.complete)
                .persons.map(JobsamtaleTable.Entry.init))
        }
        var entries = [[JobsamtaleTable.Entry]](repeating: [], count: months.count)
        for part in parts { for (i, e) in part { entries[i].append(contentsOf: e) } }
        return months.enumerated().map { i, m in (m, JobsamtaleTable(month: m, entries: entries[i]).focusCells) }
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
