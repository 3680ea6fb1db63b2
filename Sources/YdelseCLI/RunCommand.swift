import ArgumentParser
import ArrowIPC
import ColumnStore
import Foundation
import Logging
import Pipeline
import Stages
import YdelseIO

/// `ydelse run --data DIR (--month YYYY-MM | --months A..B) --out DIR [--only S | --from S]
/// [--force] [--accept-partial] [--quiet] [--log-format plain|json]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the pipeline for a reporting month (or every month of a range), reading deliveries up to that month.",
        discussion: "Exit status: 0 success, 1 failed (or incomplete deliveries, or the run folder is in use), 2 bad usage, 3 finished on partial data (--accept-partial).")

    @Option(help: "Data directory with one folder per source.") var data: String
    @Option(help: "Reporting month, YYYY-MM.") var month: String?
    @Option(help: "Every reporting month from A to B, YYYY-MM..YYYY-MM; one run folder each.") var months: String?
    @Option(help: "Output directory; the run folder is OUT/YYYYMM.") var out: String
    @Option(help: "Run only this stage, reading the checkpoints of the stages before it.") var only: String?
    @Option(help: "Run this stage and every stage after it.") var from: String?
    @Flag(help: "Recompute even what is up to date.") var force = false
    @Flag(help: "Go on when deliveries are refused, missing or misnamed; the run is marked partial and exits 3.") var acceptPartial = false
    @Option(help: "Pipeline declaration (default: pipelines/monthly.toml as bundled in the binary).") var pipeline: String?
    @Option(help: "Stages run at the same time (default: cores).") var jobs: Int?
    @Flag(name: .shortAndLong, help: "Log every stage decision (info level) on stderr.") var verbose = false
    @Flag(name: .shortAndLong, help: "Print nothing but errors: no progress, no summary.") var quiet = false
    @Option(help: "Log format on stderr: plain, or json (one JSON object per line, for schedulers; no live line, the summary as a JSON object).")
    var logFormat: LogFormat = .plain

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case plain, json }

    /// The reporting months asked for.
    var reportingMonths: [YearMonth] {
        if let month { return [MonthArgument.parse(month)!] }
        let (a, b) = MonthArgument.parseRange(months!)!
        return Array(stride(from: a, through: b, by: 1))
    }

    @Option(help: "Checkpoint compression: zstd (level 2, the default), zstd:LEVEL (1-22) or none.")
    var checkpointCompression = "zstd"

    func validate() throws {
        switch (month, months) {
        case (nil, nil): throw ValidationError("give --month YYYY-MM or --months YYYY-MM..YYYY-MM")
        case (_?, _?): throw ValidationError("--month and --months cannot be combined")
        case let (m?, nil):
            guard MonthArgument.parse(m) != nil else {
                throw ValidationError("--month must be YYYY-MM (a four-digit year, a month 01-12), got '\(m)'")
            }
        case let (nil, r?):
            guard let (a, b) = MonthArgument.parseRange(r) else {
                throw ValidationError("--months must be YYYY-MM..YYYY-MM, got '\(r)'")
            }
            guard a <= b else { throw ValidationError("--months \(r): the first month is after the last") }
        }
        if only != nil && from != nil { throw ValidationError("--only and --from cannot be combined") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory) else {
            throw ValidationError("--data \(data) does not exist")
        }
        guard isDirectory.boolValue else { throw ValidationError("--data \(data) is not a folder") }
        guard ArrowCompression(checkpointCompression) != nil else {
            throw ValidationError("--checkpoint-compression must be zstd, zstd:LEVEL (1-22) or none, got \(checkpointCompression)")
        }
    }

    func run() throws {
        let logger = makeLogger()
        // The allocator and how long it keeps freed pages (Allocator): what a memory question starts from.
        logger.info("malloc: \(Allocator.summary)")
        let registry = StageCatalog.registry()
        let definition: PipelineDefinition
        do {
            definition = try PipelineLocator.definition(pipeline, registry: registry)
        } catch {
            fail("\(error)", logger: logger)
            throw ExitCode(1)
        }
        let wanted = reportingMonths
        // A month before every delivery cannot be computed, partial data or not.
        let first = DeliverySetCheck(dataDirectory: data).firstDeliveryMonth(SourceCatalog.all)
        guard let first else {
            fail("no deliveries in \(data): expected one folder per source holding <source>_YYYYMM.<ext>.gz files (INPUTS.md)", logger: logger)
            throw ExitCode(1)
        }
        if wanted[0] < first {
            fail("month \(wanted[0]) is before all data: the first delivery in \(data) is for \(first)", logger: logger)
            throw ExitCode(1)
        }

        var worst: Int32 = 0
        for m in wanted {
            let code = runMonth(m, definition: definition, registry: registry, logger: logger)
            worst = Self.combine(worst, code)
            if code == 2 { break }
        }
        if wanted.count > 1 && !quiet && logFormat == .plain {
            print("months \(wanted.first!)..\(wanted.last!): exit status \(worst)")
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// The exit status of a range: 2 or 1 before 3 before 0.
    static func combine(_ a: Int32, _ b: Int32) -> Int32 {
        func rank(_ c: Int32) -> Int { c == 2 ? 3 : c == 1 ? 2 : c == 3 ? 1 : 0 }
        return rank(a) >= rank(b) ? a : b
    }

    /// Runs one month; returns its exit status.
    private func runMonth(_ m: YearMonth, definition: PipelineDefinition, registry: StageRegistry, logger: Logger) -> Int32 {
        var options = RunOptions(
            dataDirectory: URL(fileURLWithPath: data), outputDirectory: URL(fileURLWithPath: out),
            month: m, only: only, from: from, force: force, acceptPartial: acceptPartial,
            logger: logger, tool: ToolInfo(version: Version.number, commit: BuildInfo.commit),
            arguments: Array(CommandLine.arguments.dropFirst()))
        if let j = jobs { options.maxConcurrency = max(1, j) }
        options.progress = quiet ? .silent : (logFormat == .json ? .log : .automatic)
        do {
            let report = try Runner(definition: definition, registry: registry, codec: ArrowCheckpointCodec(compression: ArrowCompression(checkpointCompression)!), options: options).run()
            emitSummary(report, exitCode: report.exitCode, logger: logger)
            return report.exitCode
        } catch let e as RunnerError {
            if let r = e.report { emitSummary(r, exitCode: e.exitCode, logger: logger) }
            fail("\(e)", logger: logger)
            return e.exitCode
        } catch {
            fail(SystemErrorText.describe(error), logger: logger)
            return 1
        }
    }

    private func makeLogger() -> Logger {
        var logger: Logger
        switch logFormat {
        case .json: logger = Logger(label: "ydelse") { JSONLogHandler(label: $0) }
        case .plain: logger = Logger(label: "ydelse") { StreamLogHandler.standardError(label: $0) }
        }
        logger.logLevel = quiet ? .error : (verbose ? .info : .notice)
        return logger
    }

    /// The end-of-run summary: a table on stdout, or one JSON object on stderr with `--log-format json`.
    private func emitSummary(_ report: RunReport, exitCode: Int32, logger: Logger) {
        if quiet { return }
        switch logFormat {
        case .plain:
            print(report.summaryText, terminator: "")
        case .json:
            let m = report.manifest
            logger.notice("run finished", metadata: [
                "event": "summary", "month": "\(report.month)", "run_id": "\(m.runId)",
                "outcome": "\(m.outcome)", "exit_code": "\(exitCode)", "run_folder": "\(report.runDirectory.path)",
                "ran": "\(report.stages(.ran).count)", "up_to_date": "\(report.stages(.upToDate).count)",
                "failed": "\(report.stages(.failed).count)", "not_run": "\(report.stages(.notRun).count)",
                "rejects": "\(report.rejects.values.reduce(0, +))", "partial": "\(report.partial)",
                "seconds": "\(String(format: "%.1f", report.totalSeconds))",
            ])
        }
    }

    /// An error: `ydelse: message` on stderr, or a JSON line.
    private func fail(_ message: String, logger: Logger) {
        switch logFormat {
        case .plain: FileHandle.standardError.write(Data("ydelse: \(message)\n".utf8))
        case .json: logger.error("\(message)")
        }
    }
}

/// Strict parsing of month arguments.
enum MonthArgument {
    /// `YYYY-MM` with a four-digit year and a month 01-12, nothing else (`20-2306`, `2023-6`
    /// and `202306` are refused).
    static func parse(_ text: String) -> YearMonth? {
        let b = Array(text.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        let digits = b[0..<4] + b[5..<7]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard let y = Int(String(decoding: b[0..<4], as: UTF8.self)), let m = Int(String(decoding: b[5..<7], as: UTF8.self)),
              y >= 1, (1...12).contains(m) else { return nil }
        return YearMonth(year: y, month: m)
    }

    /// `YYYY-MM..YYYY-MM`.
    static func parseRange(_ text: String) -> (YearMonth, YearMonth)? {
        guard let r = text.range(of: "..") else { return nil }
        guard let a = parse(String(text[..<r.lowerBound])), let b = parse(String(text[r.upperBound...])) else { return nil }
        return (a, b)
    }
}

/// `ydelse stages`: the stages in order with what each reads and writes.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stages", abstract: "List the stages in order, with inputs and outputs.")
    @Option(help: "Pipeline declaration (default: pipelines/monthly.toml as bundled in the binary).") var pipeline: String?
    @Flag(help: "Print the pipeline declaration in use (TOML) instead of the table.") var toml = false

    func run() throws {
        let registry = StageCatalog.registry()
        do {
            if toml {
                print(try PipelineLocator.text(pipeline).text, terminator: "")
                return
            }
            let definition = try PipelineLocator.definition(pipeline, registry: registry)
            print(try definition.listing(registry: registry), terminator: "")
        } catch {
            FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
