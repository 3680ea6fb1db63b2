import ArrowIPC
import ColumnStore
import CZlib
import Dispatch
import Foundation
import Logging
import Pipeline
@testable import Stages
import Testing
import YdelseIO
import TestScratch

// Shared helpers of the StagesTests: where the repository is, one pipeline run per
// (data, month) shared by every test that only reads it, and table/CSV helpers.

/// Paths inside the repository, located from this file.
enum Repo {
    /// `<repo>/Tests/StagesTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let pipelineFile = root.appendingPathComponent("pipelines/monthly.toml")
    static let sampleData = root.appendingPathComponent("sample-data", isDirectory: true)
    static let brokenFixtures = root.appendingPathComponent("Tests/Fixtures/broken", isDirectory: true)
    static let golden = testsDirectory.appendingPathComponent("Golden", isDirectory: true)
    static let arrowDump = testsDirectory.appendingPathComponent("arrow_dump.py")
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A logger that drops everything, so test output stays readable.
let quietLogger = Logger(label: "ydelse.test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A fresh temporary directory, removed when the test process exits (``TestScratch``).
func makeTempDirectory(_ tag: String) throws -> URL {
    try TestScratch.folder("stagestests-\(tag)")
}

/// Copies a data directory (e.g. sample-data) to a new temporary directory.
func copyDataDirectory(_ from: URL, tag: String) throws -> URL {
    let parent = try makeTempDirectory(tag)
    let to = parent.appendingPathComponent("data", isDirectory: true)
    try FileManager.default.copyItem(at: from, to: to)
    return to
}

func ym(_ s: String) -> YearMonth { YearMonth(s)! }

/// The monthly pipeline with the shipped stage kinds.
func monthlyDefinition() throws -> PipelineDefinition {
    try PipelineDefinition.load(url: Repo.pipelineFile, registry: StageCatalog.registry())
}

/// Every checkpoint the monthly pipeline declares, as (stage, table) sorted: derived from the
/// pipeline file, so a new stage does not break counts written into tests.
func declaredCheckpoints() throws -> [(stage: String, table: String)] {
    let registry = StageCatalog.registry()
    return try monthlyDefinition().stages.flatMap { d -> [(stage: String, table: String)] in
        let stage = try registry.makeStage(d)
        return stage.writesCheckpoints ? stage.outputs.map { (stage: d.name, table: $0) } : []
    }.sorted { ($0.stage, $0.table) < ($1.stage, $1.table) }
}

/// The number of stages the monthly pipeline declares.
func declaredStageCount() throws -> Int { try monthlyDefinition().stages.count }

/// Runs the pipeline in-process on a thread of its own. Returns the report or rethrows the RunnerError.
func runPipeline(data: URL, out: URL, month: YearMonth, only: String? = nil, from: String? = nil,
                 force: Bool = false, acceptPartial: Bool = false) async throws -> RunReport {
    let options = RunOptions(dataDirectory: data, outputDirectory: out, month: month, only: only, from: from,
                             force: force, acceptPartial: acceptPartial, progress: .silent, logger: quietLogger)
    let runner = Runner(definition: try monthlyDefinition(), registry: StageCatalog.registry(),
                        codec: ArrowCheckpointCodec(), options: options)
    // A thread of its own: Runner.run() blocks while its stages run on Dispatch's global
    // queues; blocking a global-queue (or cooperative-pool) thread with many runs in
    // parallel starves the stages and stalls the tests.
    return try await withCheckedThrowingContinuation { (k: CheckedContinuation<RunReport, Error>) in
        let t = Thread {
            do { k.resume(returning: try runner.run()) } catch { k.resume(throwing: error) }
        }
        t.stackSize = 8 << 20
        t.start()
    }
}

/// Runs blocking or long CPU work on a thread of its own, off the cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (k: CheckedContinuation<T, Error>) in
        let t = Thread {
            do { k.resume(returning: try body()) } catch { k.resume(throwing: error) }
        }
        t.stackSize = 8 << 20
        t.start()
    }
}

/// A finished run of the whole pipeline that tests only read.
struct SampleRun: Sendable {
    let data: URL
    let month: YearMonth
    let out: URL
    let report: RunReport
    var runDirectory: URL { report.runDirectory }

    func checkpoint(_ stage: String, _ table: String) -> URL {
        runDirectory.appendingPathComponent("checkpoints/\(stage)/\(table).arrow")
    }

    /// A checkpoint read back with the project's Arrow reader.
    func table(_ stage: String, _ table: String) throws -> Table {
        try ArrowFileReader.read(from: checkpoint(stage, table)).table
    }

    /// The extract table of `source` as the run's extract stage built it (extract stages keep
    /// no checkpoint when the delivery cache is on): the deliveries up to the run's month.
    func extractTable(_ source: String) throws -> Table {
        let layout = try #require(SourceCatalog.layout(named: source))
        let extract = SourceExtractor(dataDirectory: data.path).extract(layout, upTo: month)
        try #require(extract.refusals.isEmpty, "\(extract.refusals)")
        #expect(extract.table.rowCount == report.stages.first { $0.name == "extract_\(source)" }?.rowsOut[source],
                "extract_\(source) of the run had another row count")
        return extract.table
    }

    /// Every checkpoint file, as (stage, table) sorted.
    func checkpoints() throws -> [(stage: String, table: String)] {
        let dir = runDirectory.appendingPathComponent("checkpoints", isDirectory: true)
        var out: [(String, String)] = []
        for stage in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(stage).path)
            for f in files.sorted() where f.hasSuffix(".arrow") { out.append((stage, String(f.dropLast(6)))) }
        }
        return out
    }

    func manifest() throws -> RunManifest {
        try #require(try RunManifest.load(from: runDirectory.appendingPathComponent(RunManifest.fileName)))
    }
}

/// One full run per (data directory, month), started by the first test that needs it and
/// shared by all others (each waits for the same task).
final class SharedRuns: @unchecked Sendable {
    static let shared = SharedRuns()
    private let lock = NSLock()
    private var tasks: [String: Task<SampleRun, Error>] = [:]

    func run(data: URL = Repo.sampleData, month: String) async throws -> SampleRun {
        let key = data.path + "|" + month
        let task: Task<SampleRun, Error> = lock.withLock {
            if let t = tasks[key] { return t }
            let t = Task<SampleRun, Error> {
                let out = try makeTempDirectory("run-\(month)")
                let report = try await runPipeline(data: data, out: out, month: ym(month))
                return SampleRun(data: data, month: ym(month), out: out, report: report)
            }
            tasks[key] = t
            return t
        }
        return try await task.value
    }
}

/// The sample run of `month` on sample-data/.
func sampleRun(_ month: String) async throws -> SampleRun {
    try await SharedRuns.shared.run(month: month)
}

/// The normalised tables of `sources` of a sample run, in ``PersonHistoryAssembler/sources``
/// order, and a history reader over them (the columns a person-level stage reads).
func normalisedReader(_ run: SampleRun, _ sources: [String]) throws -> (tables: [Table], reader: HistoryReader) {
    var byName: [String: Table] = [:]
    for name in sources { byName[name] = try run.table("normalise", name) }
    let present = PersonHistoryAssembler.sources.filter { byName[$0] != nil }
    let tables = present.map { byName[$0]! }
    return (tables, HistoryReader(present: present, tables: tables))
}

// MARK: values as text

extension Column {
    /// A cell as golden-file text: empty for null, dates ISO, doubles with 2 decimals.
    func goldenText(_ row: Int) -> String {
        if isNull(row) { return "" }
        switch data {
        case .float64(let v): return String(format: "%.2f", v[row])
        default: return text(at: row) ?? ""
        }
    }

    /// A cell as digest text (see arrow_dump.py): null "\0", doubles as their bit pattern.
    func digestText(_ row: Int) -> String {
        if isNull(row) { return "\u{0}" }
        switch data {
        case .float64(let v): return String(v[row].bitPattern)
        default: return text(at: row) ?? ""
        }
    }

    /// CRC-32 of the digest text of every value, one per line (arrow_dump.py's `crc32`).
    var digest: UInt {
        var crc: UInt = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        func flush() {
            buffer.withUnsafeBufferPointer { crc = CZlib.crc32(crc, $0.baseAddress, UInt32($0.count)) }
            buffer.removeAll(keepingCapacity: true)
        }
        for r in 0..<count {
            buffer.append(contentsOf: digestText(r).utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 16 { flush() }
        }
        flush()
        return crc
    }

    var nullCount: Int { (0..<count).filter { isNull($0) }.count }
}

/// CRC-32 of a string's UTF-8 bytes.
func crc32(of text: String) -> UInt {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { CZlib.crc32(0, $0.baseAddress, UInt32($0.count)) }
}

/// A table as `;`-separated CSV (header first), rows in table order.
func csvText(_ t: Table, rows: [Int]? = nil) -> String {
    var out = t.columns.map(\.name).joined(separator: ";") + "\n"
    for r in rows ?? Array(0..<t.rowCount) {
        out += t.columns.map { $0.goldenText(r) }.joined(separator: ";") + "\n"
    }
    return out
}

/// The rows of `t` whose `pnr` column satisfies `keep`.
func rows(of t: Table, where keep: (String) -> Bool) -> [Int] {
    let c = t.column("pnr")
    return (0..<t.rowCount).filter { keep(c.text(at: $0) ?? "") }
}

/// The rows of a checkpoint table as dictionaries column name → golden text (for hand checks).
func records(_ t: Table, pnr: String) -> [[String: String]] {
    rows(of: t, where: { $0 == pnr }).map { r in
        Dictionary(uniqueKeysWithValues: t.columns.map { ($0.name, $0.goldenText(r)) })
    }
}

// MARK: processes

/// Runs a command; returns status, stdout and stderr.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [executable] + arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Drain stderr concurrently so neither pipe can fill and block the child.
    let errData = Locked(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        let data = err.fileHandleForReading.readDataToEndOfFile()
        errData.withLock { $0 = data }
        group.leave()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return (p.terminationStatus, stdout, String(decoding: errData.withLock { $0 }, as: UTF8.self))
}

/// The text of a gzip delivery (all members), read with the project's GzipReader.
func gunzipText(_ url: URL) throws -> String {
    var bytes: [UInt8] = []
    _ = try GzipReader(path: url.path).forEachChunk { bytes.append(contentsOf: $0) }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes `text` as a single-member gzip file.
func gzipWrite(_ text: String, to url: URL) throws {
    let w = try GzipWriter(path: url.path)
    try w.write(text)
    try w.finish()
}
