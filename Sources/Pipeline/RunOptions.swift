import ColumnStore
import Foundation
import Logging

/// How to run a pipeline: the folders, the month and the command-line selections.
public struct RunOptions: Sendable {
    /// `--data DIR`: the deliveries.
    public var dataDirectory: URL
    /// `--out DIR`: the run folder is `OUT/YYYYMM`.
    public var outputDirectory: URL
    /// `--month YYYY-MM`: the reporting month.
    public var month: YearMonth
    /// `--only STAGE`: just that stage, its inputs read from checkpoints.
    public var only: String?
    /// `--from STAGE`: that stage and every later one; earlier ones are read from checkpoints.
    public var from: String?
    /// `--force`: recompute the selected stages even when up to date.
    public var force: Bool
    /// `--accept-partial`: continue past refused deliveries and mark the run partial.
    public var acceptPartial: Bool
    /// How many stages may run at once (default: the number of cores).
    public var maxConcurrency: Int
    /// Where progress goes (default: a live line on a terminal, sparse log lines otherwise).
    public var progress: ProgressReporter.Mode
    /// The run's logger.
    public var logger: Logger
    /// The program, recorded in run.json.
    public var tool: ToolInfo
    /// The command line, recorded in run.json.
    public var arguments: [String]
    /// This run's id (the name of its history file `runs/<id>.json`).
    public var runId: String

    public init(
        dataDirectory: URL,
        outputDirectory: URL,
        month: YearMonth,
        only: String? = nil,
        from: String? = nil,
        force: Bool = false,
        acceptPartial: Bool = false,
        maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: ProgressReporter.Mode = .automatic,
        logger: Logger = Logger(label: "ydelse"),
        tool: ToolInfo = .unknown,
        arguments: [String] = [],
        runId: String = RunOptions.newRunId()
    ) {
        self.dataDirectory = dataDirectory
        self.outputDirectory = outputDirectory
        self.month = month
        self.only = only
        self.from = from
        self.force = force
        self.acceptPartial = acceptPartial
        self.maxConcurrency = max(1, maxConcurrency)
        self.progress = progress
        self.logger = logger
        self.tool = tool
        self.arguments = arguments
        self.runId = runId
    }

    /// A new run id: UTC start time, process id and a random part, e.g.
    /// `20261202T091500Z-4711-3fa2`; sorts by start time.
    public static func newRunId(at date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let random = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(f.string(from: date))-\(ProcessInfo.processInfo.processIdentifier)-\(String(repeating: "0", count: 4 - random.count))\(random)"
    }

    /// `OUT/YYYYMM`.
    public var runDirectory: URL {
        outputDirectory.appendingPathComponent(month.compact, isDirectory: true)
    }
}
