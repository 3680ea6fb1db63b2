import ColumnStore
import Foundation
import Logging

/// Everything a stage may use while it runs: the reporting month, the folders, its
/// parameters, a logger, a progress reporter and the tables of its upstream stages.
public final class StageContext: Sendable {
    /// The stage this context belongs to.
    public let stageName: String
    /// The reporting month M.
    public let month: YearMonth
    /// The folder of delivery files (`--data`).
    public let dataDirectory: URL
    /// The run folder, `OUT/YYYYMM`.
    public let runDirectory: URL
    /// The stage's parameters from the pipeline file.
    public let parameters: [String: String]
    /// Whether the user accepted partial data (`--accept-partial`).
    public let acceptPartial: Bool
    /// A logger whose metadata names the stage.
    public let logger: Logger
    /// Live progress for long loops: call `progress.update(done:total:unit:)`.
    public let progress: ProgressReporter

    private let declaredInputs: [String]
    private let source: @Sendable (_ stage: String, _ table: String) throws -> Table
    private let tail: (@Sendable (_ stage: String, _ table: String, _ start: Int) throws -> Table)?
    private let records: @Sendable (_ stage: String) -> RunManifest.StageRecord?
    private let rowsRead = Locked(0)
    private let stagesRead = Locked(Set<String>())
    private let tablesRead = Locked([String: Set<String>]())

    /// Creates a context. The runner makes these; tests of single stages can make their own
    /// (see ``init(stageName:month:dataDirectory:runDirectory:parameters:acceptPartial:inputs:tables:logger:progress:)``).
    ///
    /// - Parameters:
    ///   - inputs: the upstream stages the stage may read.
    ///   - source: returns table `table` of upstream stage `stage`.
    ///   - tail: returns the rows of that table from a row on, without reading the rows before
    ///     when it can; `nil` cuts what `source` returns.
    ///   - records: the run.json record of upstream stage `stage` in this run (nil when none).
    public init(
        stageName: String,
        month: YearMonth,
        dataDirectory: URL,
        runDirectory: URL,
        parameters: [String: String] = [:],
        acceptPartial: Bool = false,
        inputs: [String],
        logger: Logger? = nil,
        progress: ProgressReporter? = nil,
        source: @escaping @Sendable (_ stage: String, _ table: String) throws -> Table,
        tail: (@Sendable (_ stage: String, _ table: String, _ start: Int) throws -> Table)? = nil,
        records: @escaping @Sendable (_ stage: String) -> RunManifest.StageRecord? = { _ in nil }
    ) {
        self.stageName = stageName
        self.month = month
        self.dataDirectory = dataDirectory
        self.runDirectory = runDirectory
        self.parameters = parameters
        self.acceptPartial = acceptPartial
        var log = logger ?? Logger(label: "ydelse.stage")
        log[metadataKey: "stage"] = "\(stageName)"
        self.logger = log
        self.progress = progress ?? ProgressReporter(stage: stageName, mode: .silent)
        self.declaredInputs = inputs
        self.source = source
        self.tail = tail
        self.records = records
    }

    /// A context whose upstream tables come from a dictionary `[stage: [table: Table]]`;
    /// convenient for testing one stage.
    public convenience init(
        stageName: String,
        month: YearMonth,
        dataDirectory: URL,
        runDirectory: URL,
        parameters: [String: String] = [:],
        acceptPartial: Bool = false,
        inputs: [String]? = nil,
        tables: [String: [String: Table]],
        logger: Logger? = nil,
        progress: ProgressReporter? = nil
    ) {
        self.init(
            stageName: stageName, month: month, dataDirectory: dataDirectory, runDirectory: runDirectory,
            parameters: parameters, acceptPartial: acceptPartial, inputs: inputs ?? Array(tables.keys),
            logger: logger, progress: progress,
            source: { stage, table in
                guard let t = tables[stage]?[table] else {
                    throw CheckpointError.missingTable(stage: stage, table: table, url: nil)
                }
                return t
            })
    }

    /// Table `table` written by upstream stage `stage`: the in-memory result when that stage
    /// ran in this run, otherwise its checkpoint on disk.
    ///
    /// Throws when `stage` is not among this stage's declared inputs (the fingerprint would
    /// not see it) or when its checkpoint is missing (naming the stage and the file).
    public func table(_ stage: String, _ table: String) throws -> Table {
        guard declaredInputs.contains(stage) else {
            throw StageContextError.undeclaredInput(stage: stageName, reads: stage, declared: declaredInputs)
        }
        let t = try source(stage, table)
        rowsRead.withLock { $0 += t.rowCount }
        stagesRead.withLock { _ = $0.insert(stage) }
        tablesRead.withLock { _ = $0[stage, default: []].insert(table) }
        return t
    }

    /// The rows of table `table` of upstream stage `stage` from row `start` on: the rows of an
    /// extract table's last deliveries. A checkpoint's record batches before `start` are not
    /// decompressed. Throws as ``table(_:_:)`` does, and when the table has fewer rows.
    public func table(_ stage: String, _ table: String, fromRow start: Int) throws -> Table {
        guard declaredInputs.contains(stage) else {
            throw StageContextError.undeclaredInput(stage: stageName, reads: stage, declared: declaredInputs)
        }
        let t = try tail.map { try $0(stage, table, start) } ?? CheckpointRowsError.rows(of: try source(stage, table), from: start)
        rowsRead.withLock { $0 += t.rowCount }
        stagesRead.withLock { _ = $0.insert(stage) }
        tablesRead.withLock { _ = $0[stage, default: []].insert(table) }
        return t
    }

    /// What this run's run.json records of upstream stage `stage` (its input files, rows out,
    /// code version, parameters): `nil` when it has no record. A stage uses it to tell whether
    /// an earlier month's result covers the same inputs. Throws when `stage` is not declared.
    public func record(of stage: String) throws -> RunManifest.StageRecord? {
        guard declaredInputs.contains(stage) else {
            throw StageContextError.undeclaredInput(stage: stageName, reads: stage, declared: declaredInputs)
        }
        return records(stage)
    }

    /// The declared inputs the stage has not read (no table, no file) so far: after a run, an
    /// input that is only nominal (a stage reads what it declares). `DeclaredInputsTests` holds
    /// the bundled pipeline to none; the runner does not report it, as a stage may rightly skip an
    /// input whose result it has cached (the focus months).
    public var unreadInputs: [String] {
        let read = stagesRead.withLock { $0 }
        return declaredInputs.filter { !read.contains($0) }
    }

    /// The tables read so far, per upstream stage (to check a stage's
    /// ``Stage/tablesRead(from:)`` against what it reads).
    public var readTables: [String: Set<String>] { tablesRead.withLock { $0 } }

    /// The file `path` (relative to the run folder, e.g. `published/status.csv`) written by the
    /// upstream stage `stage` as one of its ``Stage/fileOutputs``. The runner writes a stage's
    /// files before any stage after it runs, so this reads `runDirectory/path`.
    ///
    /// Throws when `stage` is not among this stage's declared inputs (the fingerprint would not
    /// see it), and ``StageContextError/missingFile(stage:path:upstream:)`` naming the file when
    /// it does not exist.
    public func file(_ stage: String, _ path: String) throws -> Data {
        guard declaredInputs.contains(stage) else {
            throw StageContextError.undeclaredInput(stage: stageName, reads: stage, declared: declaredInputs)
        }
        let url = runDirectory.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw StageContextError.missingFile(stage: stageName, path: path, upstream: stage)
        }
        stagesRead.withLock { _ = $0.insert(stage) }
        return try Data(contentsOf: url)
    }

    /// The parameter `key`, or an error naming the stage and the missing key.
    public func parameter(_ key: String) throws -> String {
        guard let v = parameters[key] else {
            throw StageContextError.missingParameter(stage: stageName, key: key)
        }
        return v
    }

    /// `OUT/YYYYMM/checkpoints`.
    public var checkpointsDirectory: URL { runDirectory.appendingPathComponent("checkpoints", isDirectory: true) }
    /// `OUT/YYYYMM/rejects`, where extract stages write `SOURCE.csv` (with ``AtomicFile``).
    public var rejectsDirectory: URL { runDirectory.appendingPathComponent("rejects", isDirectory: true) }

    /// Total rows of the upstream tables loaded so far through ``table(_:_:)``.
    public var rowsReadFromInputs: Int { rowsRead.withLock { $0 } }
}

/// A stage used its context wrongly.
public enum StageContextError: Error, CustomStringConvertible, Equatable {
    /// The stage read a table of a stage that is not among its declared inputs.
    case undeclaredInput(stage: String, reads: String, declared: [String])
    /// The stage needs a parameter the pipeline file does not give it.
    case missingParameter(stage: String, key: String)
    /// The stage reads a file of an upstream stage that is not in the run folder.
    case missingFile(stage: String, path: String, upstream: String)

    public var description: String {
        switch self {
        case let .undeclaredInput(stage, reads, declared):
            return "stage \(stage) reads a table of stage '\(reads)', which is not among its declared inputs [\(declared.joined(separator: ", "))]; add it to `inputs` in the pipeline file"
        case let .missingParameter(stage, key):
            return "stage \(stage) needs parameter '\(key)'; add it under [stage.parameters] in the pipeline file"
        case let .missingFile(stage, path, upstream):
            return "stage \(stage) reads \(path), a file of stage '\(upstream)', but it does not exist in the run folder; run '\(upstream)' first"
        }
    }
}
