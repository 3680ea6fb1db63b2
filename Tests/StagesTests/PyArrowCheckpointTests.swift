import ArrowIPC
import ColumnStore
import Foundation
import Pipeline
import Stages
import Testing

/// Issue: "A test reads every checkpoint of a sample run with pyarrow and compares schema,
/// row counts and values with what the pipeline holds."
///
/// The sample run for 2023-06 writes every checkpoint table the pipeline declares. `arrow_dump.py` opens each with
/// `pyarrow.ipc.open_file`, runs `validate(full=True)` and prints its schema, row count,
/// metadata and a CRC-32 digest of every column's values (plus the first/last values). The
/// test compares that with
/// 1. the same file read by the project's `ArrowFileReader` (schema, nullability, rows,
///    every column's digest and null count, first/last values),
/// 2. run.json (rows out per table, the stage fingerprint in the file's metadata),
/// 3. the tables computed again in memory by running every stage of the pipeline directly,
///    stage after stage, without checkpoints (what the run held before writing).
@Suite struct PyArrowCheckpointTests {
    struct Dump {
        var file: String
        var numRows: Int
        var schema: [(name: String, type: String, nullable: Bool)]
        var metadata: [String: String]
        var columns: [(name: String, nullCount: Int, crc32: UInt, head: [String], tail: [String])]
    }

    /// `$PYTHON` (set by `make test`), else the project's `.venv/bin/python` (made by `make venv`).
    static var python: String {
        if let p = ProcessInfo.processInfo.environment["PYTHON"], !p.isEmpty { return p }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv/bin/python").path
    }

    /// Fails (never skips) when python3 or pyarrow is missing.
    static func requirePyArrow() throws {
        let r = try? runProcess(python, ["-c", "import pyarrow"])
        guard let r, r.status == 0 else {
            throw TestFailure("python3 with pyarrow is required to check the Arrow checkpoints: run `make venv` (\(python) -c 'import pyarrow' failed: \(r?.stderr ?? "could not start \(python)"))")
        }
    }

    /// Runs arrow_dump.py on `files` (one process for all).
    static func pyarrowDump(_ files: [URL]) throws -> [String: Dump] {
        try requirePyArrow()
        let r = try runProcess(python, [Repo.arrowDump.path] + files.map(\.path))
        guard r.status == 0 else {
            throw TestFailure("arrow_dump.py exited with \(r.status) (pyarrow could not read or validate a checkpoint): \(r.stderr)")
        }
        var out: [String: Dump] = [:]
        for line in String(decoding: r.stdout, as: UTF8.self).split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let schema = (o["schema"] as! [[String: Any]]).map {
                ($0["name"] as! String, $0["type"] as! String, $0["nullable"] as! Bool)
            }
            let cols = (o["columns"] as! [[String: Any]]).map {
                ($0["name"] as! String, ($0["null_count"] as! NSNumber).intValue, ($0["crc32"] as! NSNumber).uintValue,
                 $0["head"] as! [String], $0["tail"] as! [String])
            }
            let d = Dump(file: o["file"] as! String, numRows: (o["num_rows"] as! NSNumber).intValue, schema: schema,
                         metadata: o["metadata"] as! [String: String], columns: cols)
            out[d.file] = d
        }
        return out
    }

    /// pyarrow's type string for a column type.
    static func pyarrowType(_ t: ColumnType) -> String {
        switch t {
        case .int32: "int32"
        case .int64: "int64"
        case .float64: "double"
        case .date32: "date32[day]"
        case .bool: "bool"
        case .utf8: "string"
        case .dictionary: "dictionary<values=string, indices=int8, ordered=0>"
        }
    }

    /// Every stage of the monthly pipeline run directly, in order, on tables held in memory.
    /// The extract stages parse without the delivery cache (`cache = "off"`): they build their
    /// tables in memory, where the run's checkpoints are the cache entries' batches copied.
    static func inMemoryTables(data: URL, month: YearMonth) throws -> [String: [String: Table]] {
        let definition = try monthlyDefinition()
        let registry = StageCatalog.registry()
        let scratch = try makeTempDirectory("inmemory")
        let held = Locked([String: [String: Table]]())
        for var decl in definition.stages {
            if decl.kind == "extract" { decl.parameters["cache"] = "off" }
            let stage = try registry.makeStage(decl)
            let context = StageContext(
                stageName: decl.name, month: month, dataDirectory: data, runDirectory: scratch,
                parameters: stage.parameters, inputs: decl.inputs, logger: quietLogger,
                source: { s, t in
                    guard let table = held.withLock({ $0[s]?[t] }) else { throw TestFailure("no in-memory table \(s)/\(t)") }
                    return table
                })
            let result = try stage.run(context)
            #expect(result.refusals.isEmpty, "\(decl.name) refused: \(result.refusals)")
            // File outputs land in the run folder, as the runner writes them, for the stages that read them.
            for (path, data) in result.files {
                let url = scratch.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            held.withLock { $0[decl.name] = result.tables }
        }
        return held.withLock { $0 }
    }

    /// Compares a Swift table with pyarrow's dump of the same table.
    static func compare(_ t: Table, _ d: Dump, _ what: String) {
        #expect(t.rowCount == d.numRows, "\(what): rows \(t.rowCount), pyarrow \(d.numRows)")
        #expect(t.columns.map(\.name) == d.schema.map(\.name), "\(what): column names")
        for (c, p) in zip(t.columns, d.columns) where c.name == p.name {
            #expect(c.nullCount == p.nullCount, "\(what).\(c.name): \(c.nullCount) nulls, pyarrow \(p.nullCount)")
            #expect(c.digest == p.crc32, "\(what).\(c.name): values differ from pyarrow's (CRC-32 \(c.digest) vs \(p.crc32))")
            let n = c.count
            #expect((0..<min(3, n)).map { c.digestText($0) } == p.head, "\(what).\(c.name): first values")
            if n > 3 { #expect(((n - 3)..<n).map { c.digestText($0) } == p.tail, "\(what).\(c.name): last values") }
        }
    }

    @Test("every checkpoint of the 2023-06 sample run reads in pyarrow and holds what the pipeline computed")
    func everyCheckpoint() async throws {
        let run = try await sampleRun("2023-06")
        let checkpoints = try run.checkpoints()
        // Exactly the tables the pipeline file declares (extract, normalise, person-level stages).
        let declared = try declaredCheckpoints()
        #expect(checkpoints.map { "\($0.stage)/\($0.table)" } == declared.map { "\($0.stage)/\($0.table)" })
        let files = checkpoints.map { run.checkpoint($0.stage, $0.table) }
        async let dumpsTask = onThread { try Self.pyarrowDump(files) }
        async let memoryTask = onThread { try Self.inMemoryTables(data: run.data, month: run.month) }
        let dumps = try await dumpsTask
        let memory = try await memoryTask
        let manifest = try run.manifest()

        for (stage, table) in checkpoints {
            let url = run.checkpoint(stage, table)
            let what = "\(stage)/\(table)"
            let d = try #require(dumps[url.path], "pyarrow printed nothing for \(what)")
            let (swift, metadata) = try ArrowFileReader.read(from: url)

            // Schema: names, Arrow types and nullability as the Swift reader sees them.
            #expect(swift.schema.fields.map(\.name) == d.schema.map(\.name), "\(what): names")
            #expect(swift.schema.fields.map { Self.pyarrowType($0.type) } == d.schema.map(\.type), "\(what): types")
            #expect(swift.schema.fields.map(\.nullable) == d.schema.map(\.nullable), "\(what): nullability")
            #expect(metadata == d.metadata, "\(what): metadata")

            // run.json: rows out and the fingerprint the file was written under.
            let rec = try #require(manifest[stage: stage], "run.json has no record of \(stage)")
            #expect(rec.rowsOut[table] == d.numRows, "\(what): run.json rows out \(rec.rowsOut[table] ?? -1), pyarrow \(d.numRows)")
            #expect(d.metadata["ydelse.fingerprint"] == rec.fingerprint?.hex, "\(what): fingerprint in file vs run.json")
            #expect(d.metadata["ydelse.stage"] == stage && d.metadata["ydelse.table"] == table && d.metadata["ydelse.month"] == "2023-06")

            // Values: the Swift reader and the in-memory computation against pyarrow.
            Self.compare(swift, d, "\(what) (ArrowFileReader)")
            let held = try #require(memory[stage]?[table], "no in-memory table \(what)")
            #expect(held.schema == swift.schema, "\(what): in-memory schema \(held.schema) vs file \(swift.schema)")
            Self.compare(held, d, "\(what) (in memory)")
        }
        // Something real was compared: the durations table has rows with nulls in both unit columns.
        let dur = try #require(dumps[run.checkpoint("durations", "varighed").path])
        #expect(dur.numRows > 500)
        #expect(dur.columns.first { $0.name == "varighed_timer" }!.nullCount > 0)
        #expect(dur.columns.first { $0.name == "varighed_dage" }!.nullCount > 0)
        // maalte: bool columns, and null talk counts for exempt persons (EXEMPT-7).
        let maalte = try #require(dumps[run.checkpoint("jobsamtaler", "maalte").path])
        #expect(maalte.schema.first { $0.name == "fritaget" }?.type == "bool")
        #expect(maalte.columns.first { $0.name == "samtaler" }!.nullCount > 0)
    }

    @Test("the digest is sensitive: one changed value changes the column's CRC-32")
    func digestSensitivity() {
        let a = Column(name: "x", data: .float64([1.5, 2.25]))
        let b = Column(name: "x", data: .float64([1.5, 2.2500000000000004]))
        let n = Column(name: "x", data: .float64([1.5, 2.25]), validity: Validity([true, false]))
        #expect(a.digest != b.digest)
        #expect(a.digest != n.digest)
    }
}
