import ColumnStore
import Foundation
import Pipeline
import TestScratch

/// A test checkpoint codec: JSON with int64 and utf8 columns, plus the metadata.
struct JSONTestCodec: CheckpointCodec {
    struct Stored: Codable {
        var metadata: [String: String]
        var columns: [StoredColumn]
    }
    struct StoredColumn: Codable {
        var name: String
        var ints: [Int64]?
        var strings: [String]?
    }

    func write(_ table: Table, to url: URL, metadata: [String: String]) throws {
        let cols = table.columns.map { c -> StoredColumn in
            switch c.data {
            case .int64(let v): return StoredColumn(name: c.name, ints: v, strings: nil)
            case .utf8(let s): return StoredColumn(name: c.name, ints: nil, strings: (0..<s.count).map { s[$0] })
            default: fatalError("test codec supports int64 and utf8 only")
            }
        }
        try JSONEncoder().encode(Stored(metadata: metadata, columns: cols)).write(to: url)
    }

    func read(from url: URL) throws -> Table {
        try Self.decode(url).table
    }

    func metadata(from url: URL) throws -> [String: String] {
        try Self.decode(url).metadata
    }

    static func decode(_ url: URL) throws -> (table: Table, metadata: [String: String]) {
        let s = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: url))
        let cols = s.columns.map { c in
            Column(name: c.name, data: c.ints.map { .int64($0) } ?? .utf8(StringStorage(c.strings ?? [])))
        }
        return (Table(columns: cols), s.metadata)
    }
}

/// Counts stage invocations and tracks how many stages run at the same time.
final class Probe: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var active = 0
    private(set) var maxActive = 0
    private var entered: [String] = []

    func enter(_ stage: String) {
        lock.lock(); defer { lock.unlock() }
        entered.append(stage)
        counts[stage, default: 0] += 1
        active += 1
        maxActive = max(maxActive, active)
    }
    func leave() { lock.lock(); active -= 1; lock.unlock() }
    func count(_ stage: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[stage] ?? 0 }
    var total: Int { lock.lock(); defer { lock.unlock() }; return counts.values.reduce(0, +) }
    func reset() { lock.lock(); counts = [:]; entered = []; lock.unlock() }
    /// The stages in the order they started.
    var order: [String] { lock.lock(); defer { lock.unlock() }; return entered }
}

func int64Table(_ name: String, _ values: [Int64]) -> Table {
    Table(columns: [Column(name: name, data: .int64(values))])
}

/// Extract stage: reads `DATA/<source>.txt`, one integer per line. A line `BAD` refuses the
/// delivery; a non-integer line is a reject.
struct TestExtract: Stage {
    let name: String
    let parameters: [String: String]
    let probe: Probe
    var sleep: Double = 0
    var inputs: [String] { [] }
    var outputs: [String] { ["values"] }
    var codeVersion: String { "1" }

    func file(_ context: StageContext) throws -> URL {
        context.dataDirectory.appendingPathComponent("\(try context.parameter("source")).txt")
    }

    func inputFingerprint(_ context: StageContext) throws -> Fingerprint? {
        let url = try file(context)
        return FileManager.default.fileExists(atPath: url.path) ? try Fingerprint.files([url]) : nil
    }

    /// A missing data file is an incomplete input (the run stops, or goes on without it).
    func checkInputs(_ context: StageContext) throws -> [String] {
        let url = try file(context)
        return FileManager.default.fileExists(atPath: url.path) ? [] : ["\(url.lastPathComponent) is missing"]
    }

    func run(_ context: StageContext) throws -> StageResult {
        probe.enter(name); defer { probe.leave() }
        if sleep > 0 { Thread.sleep(forTimeInterval: sleep) }
        let url = try file(context)
        let text = FileManager.default.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : ""
        let lines = text.split(separator: "\n")
        var values: [Int64] = []
        var rejects = 0
        var refusals: [String] = []
        for (i, l) in lines.enumerated() {
            context.progress.update(done: i + 1, total: lines.count, unit: "lines")
            if l == "BAD" { refusals.append("\(url.lastPathComponent): trailer missing") }
            else if let v = Int64(l) { values.append(v) }
            else { rejects += 1 }
        }
        let source = try context.parameter("source")
        return StageResult(tables: ["values": int64Table("v", values)], rowsIn: lines.count,
                           rejects: [source: rejects], refusals: refusals)
    }
}

/// Sums the `values` tables of its inputs into one row; `factor` multiplies.
struct TestSum: Stage {
    let name: String
    let inputs: [String]
    let parameters: [String: String]
    let probe: Probe
    var codeVersion: String = "1"
    var table: String = "values"
    var outputs: [String] { ["values"] }

    func run(_ context: StageContext) throws -> StageResult {
        probe.enter(name); defer { probe.leave() }
        if context.parameters["fail"] == "true" { throw TestFailure(message: "boom in \(name)") }
        let factor = Int64(context.parameters["factor"] ?? "1")!
        var total: Int64 = 0
        for input in inputs { total += try context.table(input, table).column("v").int64Values.reduce(0, +) }
        return StageResult(tables: ["values": int64Table("v", [total * factor])], counters: ["inputs": inputs.count])
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A scratch folder with `data/` and `out/`.
struct Scratch {
    let root: URL
    var data: URL { root.appendingPathComponent("data") }
    var out: URL { root.appendingPathComponent("out") }
    var runDir: URL { out.appendingPathComponent("202306") }

    init() throws {
        root = try TestScratch.folder("pipeline-tests")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    func put(_ source: String, _ text: String) throws {
        try Data(text.utf8).write(to: data.appendingPathComponent("\(source).txt"))
    }

    func options(_ change: (inout RunOptions) -> Void = { _ in }) -> RunOptions {
        var o = RunOptions(dataDirectory: data, outputDirectory: out, month: YearMonth(year: 2023, month: 6), progress: .silent)
        o.logger.logLevel = .critical   // keep test output readable
        change(&o)
        return o
    }

    func checkpoint(_ stage: String, _ table: String = "values") -> URL {
        runDir.appendingPathComponent("checkpoints/\(stage)/\(table).arrow")
    }

    func value(_ stage: String) throws -> [Int64] {
        try JSONTestCodec.decode(checkpoint(stage)).table.column("v").int64Values
    }

    func manifest() throws -> RunManifest {
        try RunManifest.decode(Data(contentsOf: runDir.appendingPathComponent("run.json")))
    }

    /// Every file name under the run folder.
    func allFiles() -> [String] {
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (e?.allObjects as? [URL] ?? []).map(\.lastPathComponent)
    }
}

/// extract_a, extract_b, extract_c → combine (a, b) → double (combine);  other (c).
let testPipelineTOML = """
[[stage]]
name = "extract_a"
kind = "extract"
[stage.parameters]
source = "a"

[[stage]]
name = "extract_b"
kind = "extract"
inputs = []
[stage.parameters]
source = "b"

[[stage]]
name = "extract_c"
kind = "extract"
[stage.parameters]
source = "c"

[[stage]]
name = "combine"
kind = "sum"
inputs = ["extract_a", "extract_b"]

[[stage]]
name = "double"
kind = "sum"
inputs = ["combine"]
[stage.parameters]
factor = 2

[[stage]]
name = "other"
kind = "sum"
inputs = ["extract_c"]
"""

struct Harness {
    let scratch: Scratch
    let probe = Probe()
    var extractSleep: Double = 0
    var codeVersions: [String: String] = [:]
    var failing: Set<String> = []
    var referenceData: Fingerprint?

    init() throws {
        scratch = try Scratch()
        try scratch.put("a", "1\n2\n3\n")
        try scratch.put("b", "10\nx\n20\n")
        try scratch.put("c", "100\n")
    }

    var registry: StageRegistry {
        var r = StageRegistry(referenceData: referenceData)
        let probe = probe, sleep = extractSleep, versions = codeVersions, failing = failing
        r.register("extract") { name, parameters in
            TestExtract(name: name, parameters: parameters, probe: probe, sleep: sleep)
        }
        r.register("sum") { decl in
            var p = decl.parameters
            if failing.contains(decl.name) { p["fail"] = "true" }
            return TestSum(name: decl.name, inputs: decl.inputs, parameters: p, probe: probe,
                           codeVersion: versions[decl.name] ?? "1")
        }
        return r
    }

    func runner(_ change: (inout RunOptions) -> Void = { _ in }) throws -> Runner {
        let def = try PipelineDefinition.parse(testPipelineTOML, file: "test.toml", registry: registry)
        return Runner(definition: def, registry: registry, codec: JSONTestCodec(), options: scratch.options(change))
    }

    @discardableResult
    func run(_ change: (inout RunOptions) -> Void = { _ in }) throws -> RunReport {
        try runner(change).run()
    }
}
