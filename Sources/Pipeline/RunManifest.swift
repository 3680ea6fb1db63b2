import Foundation

/// The run manifest `OUT/YYYYMM/run.json`: what the last runs did to each stage, with the
/// fingerprints that decide whether a stage is up to date.
///
/// Records of stages that were not selected in a run (`--only`, `--from`) are kept from the
/// previous manifest, so the file always describes every checkpoint in the run folder.
public struct RunManifest: Codable, Sendable, Equatable {
    /// The file name inside the run folder.
    public static let fileName = "run.json"

    /// The reporting month, `YYYY-MM`.
    public var month: String
    /// When the latest run started and finished (`nil` while it runs).
    public var started: Date
    public var finished: Date?
    /// `running`, `succeeded`, `failed` or `refused`.
    public var outcome: String
    /// Whether any stage's checkpoints were built from refused (incomplete) deliveries
    /// (accepted with `--accept-partial`).
    public var partial: Bool
    /// The refusal messages behind `partial`, or that stopped the run. A stage's record
    /// carries the refusals of its own deliveries and those behind its inputs.
    public var refusals: [String]
    /// Rejected records per source, summed over the stages' records.
    public var rejects: [String: Int]
    /// One record per stage, in pipeline order.
    public var stages: [StageRecord]

    /// One stage's record.
    public struct StageRecord: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var status: StageStatus
        /// The stage's fingerprint, which is also its output fingerprint; `nil` unless its
        /// checkpoints are valid.
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
        /// The stage's file outputs (``Stage/fileOutputs``) by path relative to the run folder.
        public var files: [String: FileRecord]
        public var seconds: Double
        public var counters: [String: Int]
        public var rejects: [String: Int]
        public var notes: [String]
        public var refusals: [String]
        public var error: String?
        /// When the stage was last computed (kept while it is up to date).
        public var computedAt: Date?

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
            self.files = [:]
            self.seconds = 0
            self.counters = [:]
            self.rejects = [:]
            self.notes = []
            self.refusals = []
            self.error = nil
            self.computedAt = nil
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decode(String.self, forKey: .kind)
            status = try c.decode(StageStatus.self, forKey: .status)
            fingerprint = try c.decodeIfPresent(Fingerprint.self, forKey: .fingerprint)
            inputFingerprint = try c.decodeIfPresent(Fingerprint.self, forKey: .inputFingerprint)
            upstream = try c.decode([String: Fingerprint].self, forKey: .upstream)
            codeVersion = try c.decode(String.self, forKey: .codeVersion)
            parameters = try c.decode([String: String].self, forKey: .parameters)
            rowsIn = try c.decodeIfPresent(Int.self, forKey: .rowsIn)
            rowsOut = try c.decode([String: Int].self, forKey: .rowsOut)
            files = try c.decodeIfPresent([String: FileRecord].self, forKey: .files) ?? [:]
            seconds = try c.decode(Double.self, forKey: .seconds)
            counters = try c.decode([String: Int].self, forKey: .counters)
            rejects = try c.decode([String: Int].self, forKey: .rejects)
            notes = try c.decode([String].self, forKey: .notes)
            refusals = try c.decode([String].self, forKey: .refusals)
            error = try c.decodeIfPresent(String.self, forKey: .error)
            computedAt = try c.decodeIfPresent(Date.self, forKey: .computedAt)
        }

        /// Total rows over the output tables.
        public var totalRowsOut: Int { rowsOut.values.reduce(0, +) }
    }

    public init(month: String, started: Date, stages: [StageRecord] = []) {
        self.month = month
        self.started = started
        self.finished = nil
        self.outcome = "running"
        self.partial = false
        self.refusals = []
        self.rejects = [:]
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

    /// The JSON text (pretty, keys sorted, ISO 8601 dates).
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(self)
    }

    /// Parses run.json data.
    public static func decode(_ data: Data) throws -> RunManifest {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(RunManifest.self, from: data)
    }

    /// Reads the manifest at `url`; `nil` when there is none.
    public static func load(from url: URL) throws -> RunManifest? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try decode(try Data(contentsOf: url))
        } catch {
            throw RunManifestError(path: url.path, reason: "\(error)")
        }
    }

    /// Writes the manifest atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(try encoded(), to: url)
    }
}

/// A file output as recorded in run.json: its size and content fingerprint.
public struct FileRecord: Codable, Sendable, Equatable {
    public var bytes: Int
    /// ``Fingerprint`` of the file's whole content.
    public var hash: Fingerprint

    public init(bytes: Int, hash: Fingerprint) {
        self.bytes = bytes
        self.hash = hash
    }

    /// The record of `data`.
    public init(_ data: Data) {
        var b = Fingerprint.Builder()
        b.combine(bytes: data)
        self.init(bytes: data.count, hash: b.finalize())
    }

    /// Whether the file at `url` exists with this size and content.
    public func matches(fileAt url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url), data.count == bytes else { return false }
        return FileRecord(data) == self
    }
}

/// run.json could not be read.
public struct RunManifestError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot read run manifest \(path): \(reason)" }
}
