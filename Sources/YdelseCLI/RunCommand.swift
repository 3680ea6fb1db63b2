import ArgumentParser
import ArrowIPC
import ColumnStore
import Foundation
import Logging
import Pipeline
import Stages

/// `ydelse run --data DIR --month YYYY-MM --out DIR [--only S | --from S] [--force] [--accept-partial]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the pipeline for a reporting month, reading deliveries up to that month.")

    @Option(help: "Data directory with one folder per source.") var data: String
    @Option(help: "Reporting month, YYYY-MM.") var month: String
    @Option(help: "Output directory; the run folder is OUT/YYYYMM.") var out: String
    @Option(help: "Run only this stage, reading the checkpoints of the stages before it.") var only: String?
    @Option(help: "Run this stage and every stage after it.") var from: String?
    @Flag(help: "Recompute even what is up to date.") var force = false
    @Flag(help: "Go on when deliveries are refused (truncated, wrong trailer); the summary says so.") var acceptPartial = false
    @Option(help: "Pipeline declaration (default pipelines/monthly.toml).") var pipeline: String?
    @Option(help: "Stages run at the same time (default: cores).") var jobs: Int?
    @Flag(name: .shortAndLong, help: "Log every stage decision (info level) on stderr.") var verbose = false
    @Option(help: "Checkpoint compression: zstd (level 2, the default), zstd:LEVEL (1-22) or none.")
    var checkpointCompression = "zstd"

    func validate() throws {
        guard YearMonth(month) != nil, month.count == 7 else { throw ValidationError("--month must be YYYY-MM, got \(month)") }
        if only != nil && from != nil { throw ValidationError("--only and --from cannot be combined") }
        guard FileManager.default.fileExists(atPath: data) else { throw ValidationError("--data \(data) does not exist") }
        guard ArrowCompression(checkpointCompression) != nil else {
            throw ValidationError("--checkpoint-compression must be zstd, zstd:LEVEL (1-22) or none, got \(checkpointCompression)")
        }
    }

    func run() throws {
        let registry = StageCatalog.registry()
        let definition: PipelineDefinition
        do {
            definition = try PipelineDefinition.load(url: try PipelineLocator.locate(pipeline), registry: registry)
        } catch {
            FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
            throw ExitCode(1)
        }
        var options = RunOptions(
            dataDirectory: URL(fileURLWithPath: data), outputDirectory: URL(fileURLWithPath: out),
            month: YearMonth(month)!, only: only, from: from, force: force, acceptPartial: acceptPartial)
        if let j = jobs { options.maxConcurrency = max(1, j) }
        var logger = Logger(label: "ydelse")
        logger.logLevel = verbose ? .info : .warning
        options.logger = logger
        do {
            let report = try Runner(definition: definition, registry: registry, codec: ArrowCheckpointCodec(compression: ArrowCompression(checkpointCompression)!),
                                options: options).run()
            print(report.summaryText, terminator: "")
        } catch let e as RunnerError {
            if let r = e.report { print(r.summaryText, terminator: "") }
            FileHandle.standardError.write(Data("ydelse: \(e)\n".utf8))
            throw ExitCode(e.exitCode)
        } catch {
            FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `ydelse stages`: the stages in order with what each reads and writes.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stages", abstract: "List the stages in order, with inputs and outputs.")
    @Option(help: "Pipeline declaration (default pipelines/monthly.toml).") var pipeline: String?

    func run() throws {
        let registry = StageCatalog.registry()
        do {
            let definition = try PipelineDefinition.load(url: try PipelineLocator.locate(pipeline), registry: registry)
            print(try definition.listing(registry: registry), terminator: "")
        } catch {
            FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
