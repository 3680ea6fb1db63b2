import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The run manifest `OUT/YYYYMM/run.json`: the record of the latest run on the folder (who
/// ran what, with which arguments, on which delivery files, with which outcome) and, per stage,
/// the fingerprints and checkpoint sizes that decide whether it is up to date. A copy of every
/// finished run's manifest is kept in `OUT/YYYYMM/runs/<run id>.json`.
///
/// Records of stages that were not selected in a run (`--only`, `--from`) are kept from the
/// previous manifest, so the file always describes every checkpoint in the run folder.
/// Keys are written in snake_case (`schema_version`, `run_id`, `rows_out`).
public struct RunManifest: Codable, Sendable, Equatable {
    /// The file name inside the run folder.
    public static let fileName = "run.json"
    /// The folder of earlier runs' manifests inside the run folder.
    public static let historyFolder = "runs"
    /// The layout version of this file; bumped when a field changes meaning.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    /// Unique id of the run, `YYYYMMDDTHHMMSSZ-<pid>-<random>`; also its file name in `runs/`.
    public var runId: String
    /// The program that wrote the file.
    public var tool: ToolInfo
    /// The command line (without the program name).
    public var arguments: [String]
    /// `--data` and `--out` as absolute paths.
    public var dataDirectory: String
    public var outputDirectory: String
    /// The reporting month, `YYYY-MM`.
    public var month: String
    /// When the latest run started and finished (`nil` while it runs).
    public var started: Date
    public var finished: Date?
    /// `running`, `succeeded`, `partial` (finished on partial data, exit 3), `failed`,
    /// `refused`; a run found still `running` by the next run (its process died) is recorded
    /// as `interrupted` in its history file and in ``previousRun``.
    public var outcome: String
    /// The run before this one on the same folder, with its outcome as seen by this run.
    public var previousRun: RunReference?
    /// Whether any stage's checkpoints were built from refused or incomplete deliveries
    /// (accepted with `--accept-partial`).
    public var partial: Bool
    /// The refusal and input-check messages behind `partial`, or that stopped the run. A
    /// stage's record carries the refusals of its own deliveries and those behind its inputs.
    public var refusals: [String]
    /// Rejected records per source, summed over the stages' records.
    public var rejects: [String: Int]
    /// The delivery files behind the valid stages, by path relative to the data folder
    /// (`fleur/fleur_202301.dat.gz`), with size and content hash.
    public var inputs: [String: FileRecord]
    /// One record per stage, in pipeline order.
    public var stages: [StageRecord]

    /// One stage's record.
    public struct StageRecord: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var status: StageStatus
        /// The stage's fingerprint, which is also its output fingerprint; `nil` unless its
        /// checkpoints are valid. Written into every checkpoint as `ydelse.fingerprint`.
        public var fingerprint: Fingerprint?
        /// The stage's own input fingerprint (delivery files), if it has one.
        public var inputFingerprint: Fingerprint?
        /// The output fingerprints of its upstream stages when it was computed.
        public var upstream: [String: Fingerprint]
        public var codeVersion: String
        public var parameters: [String: String]
        public var rowsIn: Int?
        /// Rows per output table.
        public var rowsOut: [String: Int]
        /// Each output table's checkpoint: its size in bytes and the fingerprint written in it.
        public var tables: [String: TableRecord]
        /// The stage's file outputs (``Stage/fileOutputs``) by path relative to the run folder.
        public var files: [String: FileRecord]
        /// The delivery files the stage read, by path relative to the data folder.
        public var inputs: [String: FileRecord]
        /// Seconds the stage took in the run that computed it (kept while it is up to date).
        public var seconds: Double
        /// When the stage last started and finished computing (kept while it is up to date).
        public var started: Date?
        public var finished: Date?
        public var counters: [String: Int]
        public var rejects: [String: Int]
        public var notes: [String]
        public var refusals: [String]
        public var error: String?
        /// When the stage was last computed (kept while it is up to date).
        public var computedAt: Date?
        /// The run that computed the stage's checkpoints.
        public var computedBy: String?

        public init(name: String, kind: String, status: StageStatus = .notRun, codeVersion: String = "", parameters: [String: String] = [:]) {
            self.name = name
            self.kind = kind
            self.status = status
            self.fingerprint = nil
            self.inputFingerprint = nil
            self.upstream = [:]
            self.codeVersion = codeVersion
            self.parameters = parameters
            self.rowsIn = nil
            self.rowsOut = [:]
            self.tables = [:]
            self.files = [:]
            self.inputs = [:]
            self.seconds = 0
            self.started = nil
            self.finished = nil
            self.counters = [:]
            self.rejects = [:]
            self.notes = []
            self.refusals = []
            self.error = nil
            self.computedAt = nil
            self.computedBy = nil
        }

        /// Total rows over the output tables.
        public var totalRowsOut: Int { rowsOut.values.reduce(0, +) }
    }

    public init(month: String, started: Date, stages: [StageRecord] = [], runId: String = "", tool: ToolInfo = .unknown) {
        self.schemaVersion = Self.currentSchemaVersion
        self.runId = runId
        self.tool = tool
        self.arguments = []
        self.dataDirectory = ""
        self.outputDirectory = ""
        self.month = month
        self.started = started
        self.finished = nil
        self.outcome = "running"
        self.previousRun = nil
        self.partial = false
        self.refusals = []
        self.rejects = [:]
        self.inputs = [:]
        self.stages = stages
    }

    /// The record of stage `name`.
    public subscript(stage name: String) -> StageRecord? {
        get { stages.first { $0.name == name } }
        set {
            guard let newValue else { stages.removeAll { $0.name == name }; return }
            if let i = stages.firstIndex(where: { $0.name == name }) { stages[i] = newValue } else { stages.append(newValue) }
        }
    }

    /// The JSON text (pretty, keys sorted and in snake_case, ISO 8601 dates).
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        e.keyEncodingStrategy = .convertToSnakeCase
        return try e.encode(self)
    }

    /// Parses run.json data; a file of another ``schemaVersion`` is an error (its stages are
    /// then treated as stale).
    public static func decode(_ data: Data) throws -> RunManifest {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        d.keyDecodingStrategy = .convertFromSnakeCase
        struct Version: Decodable { var schemaVersion: Int? }
        let version = (try? d.decode(Version.self, from: data))?.schemaVersion
        guard version == currentSchemaVersion else {
            throw RunManifestError(path: "", reason: "schema version \(version.map(String.init) ?? "1 (none given)"), this program writes \(currentSchemaVersion)")
        }
        return try d.decode(RunManifest.self, from: data)
    }

    /// Reads the manifest at `url`; `nil` when there is none.
    public static func load(from url: URL) throws -> RunManifest? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try decode(try Data(contentsOf: url))
        } catch let e as RunManifestError {
            throw RunManifestError(path: url.path, reason: e.reason)
        } catch {
            throw RunManifestError(path: url.path, reason: SystemErrorText.describe(error))
        }
    }

    /// Writes the manifest atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(try encoded(), to: url)
    }
}
