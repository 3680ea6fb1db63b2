import ArgumentParser
import ColumnStore
import Domain
import Foundation
import Stages
import YdelseIO

/// `ydelse bench inflate|parse|extract|domain`: in-process timings that `bench/bench.py`
/// (`make bench`) repeats and summarises as medians. Each prints one JSON object.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Timing probes used by `make bench` (prints JSON).",
        subcommands: [Inflate.self, Parse.self, Extract.self, DomainProbe.self])

    struct Common: ParsableArguments {
        @Option(help: "Data directory.") var data: String
        @Option(help: "Reporting month, YYYY-MM.") var month: String
        var yearMonth: YearMonth { YearMonth(month)! }
    }

    /// Reference pass: zlib inflate of every delivery, files in parallel, nothing parsed.
    struct Inflate: ParsableCommand {
        @OptionGroup var common: Common
        func run() throws {
            // Largest files first (sizes read once), so both cores stay busy to the end.
            let files = try SourceCatalog.all.flatMap {
                try SourceExtractor(dataDirectory: common.data).deliveries(of: $0, upTo: common.yearMonth).map(\.path)
            }.map { (path: $0, size: fileSize($0)) }.sorted { $0.size > $1.size }.map(\.path)
            let t0 = Date()
            let bytes = try Parallel.tryMap(files.count) { try inflateOnly(path: files[$0]) }.reduce(0, +)
            emit(["seconds": Date().timeIntervalSince(t0), "bytes": Double(bytes), "files": Double(files.count)])
        }
    }

    /// Extract of every source (inflate, parse, one table per source), sources
    /// concurrently as in the pipeline, without normalise: the parsing cost on its own.
    struct Parse: ParsableCommand {
        @OptionGroup var common: Common
        func run() throws {
            let layouts = largestSourcesFirst(common)
            let t0 = Date()
            let results = Parallel.map(layouts.count, threads: Parallel.width) { i -> (rows: Int, bytes: Int, rejects: Int, columnBytes: Int) in
                let e = SourceExtractor(dataDirectory: common.data).extract(layouts[i], upTo: common.yearMonth)
                return (e.table.rowCount, e.deliveries.reduce(0) { $0 + $1.inflatedBytes }, e.rejects.count, e.table.byteSize)
            }
            let secs = Date().timeIntervalSince(t0)
            emit(["seconds": secs, "rows": Double(results.reduce(0) { $0 + $1.rows }),
                  "bytes": Double(results.reduce(0) { $0 + $1.bytes }),
                  "rejects": Double(results.reduce(0) { $0 + $1.rejects }),
                  "column_bytes": Double(results.reduce(0) { $0 + $1.columnBytes })])
        }
    }

    /// Extract + normalise of every source, as the pipeline does it (sources concurrently).
    struct Extract: ParsableCommand {
        @OptionGroup var common: Common
        func run() throws {
            let t0 = Date()
            let (tables, rows, bytes) = extractAndNormalise(common)
            let secs = Date().timeIntervalSince(t0)
            emit(["seconds": secs, "rows": Double(rows), "bytes": Double(bytes),
                  "column_bytes": Double(tables.values.reduce(0) { $0 + $1.byteSize })])
        }
    }

    /// Spells + durations for the month on a given number of worker threads (inputs prepared untimed).
    struct DomainProbe: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "domain")
        @OptionGroup var common: Common
        @Option(help: "Worker threads.") var threads = 2
        func run() throws {
            let (tables, _, _) = extractAndNormalise(common)
            let month = common.yearMonth
            let t0 = Date()
            let assembler = PersonHistoryAssembler(tables: tables, partitions: 16)
            let parts = assembler.map(threads: threads) { person -> (Int, Int) in
                let spells = SpellBuilder.spells(for: person, month: month)
                let d = DurationCalculator.durations(for: person, month: month)
                return (spells.count, d.rows.count)
            }
            let secs = Date().timeIntervalSince(t0)
            let spells = parts.reduce(0) { $0 + $1.reduce(0) { $0 + $1.0 } }
            let rows = parts.reduce(0) { $0 + $1.reduce(0) { $0 + $1.1 } }
            emit(["seconds": secs, "spells": Double(spells), "duration_rows": Double(rows), "threads": Double(threads)])
        }
    }
}

private func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
}

/// The sources, those with the most compressed bytes first, so the last
/// source to start is a small one and both cores stay busy to the end.
func largestSourcesFirst(_ common: BenchCommand.Common) -> [SourceLayout] {
    let extractor = SourceExtractor(dataDirectory: common.data)
    let sizes = SourceCatalog.all.map { layout in
        ((try? extractor.deliveries(of: layout, upTo: common.yearMonth)) ?? []).reduce(0) { $0 + fileSize($1.path) }
    }
    return SourceCatalog.all.indices.sorted { sizes[$0] > sizes[$1] }.map { SourceCatalog.all[$0] }
}

private func extractAndNormalise(_ common: BenchCommand.Common) -> (tables: [String: Table], rows: Int, bytes: Int) {
    let layouts = largestSourcesFirst(common)
    let results = Parallel.map(layouts.count, threads: Parallel.width) { i -> (Table, Int, Int) in
        let e = SourceExtractor(dataDirectory: common.data).extract(layouts[i], upTo: common.yearMonth)
        let n = Normaliser.normalise(e.table, layout: layouts[i])
        return (n.table, e.table.rowCount, e.deliveries.reduce(0) { $0 + $1.inflatedBytes })
    }
    var tables: [String: Table] = [:]
    for (i, l) in layouts.enumerated() { tables[l.name] = results[i].0 }
    return (tables, results.reduce(0) { $0 + $1.1 }, results.reduce(0) { $0 + $1.2 })
}

private func emit(_ values: [String: Double]) {
    let body = values.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
    print("{\(body)}")
}
