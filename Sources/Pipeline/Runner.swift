import ColumnStore
import Dispatch
import Foundation
import Logging

/// Runs a pipeline for one month: decides which stages are up to date, runs the others
/// (independent ones concurrently), writes checkpoints and run.json, and reports.
///
/// ```swift
/// let runner = Runner(definition: definition, registry: registry, codec: ArrowCodec(), options: options)
/// do {
///     let report = try runner.run()
///     print(report.summaryText, terminator: "")
/// } catch let error as RunnerError {
///     if let report = error.report { print(report.summaryText, terminator: "") }
///     FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
///     exit(error.exitCode)
/// }
/// ```
public final class Runner: Sendable {
    public let definition: PipelineDefinition
    public let registry: StageRegistry
    public let codec: any CheckpointCodec
    public let options: RunOptions

    public init(definition: PipelineDefinition, registry: StageRegistry, codec: any CheckpointCodec, options: RunOptions) {
        self.definition = definition
        self.registry = registry
        self.codec = codec
        self.options = options
    }

    /// The stages this run's options select, in order; throws ``RunnerError/usage(_:)`` for
    /// an unknown stage name or `only` together with `from`.
    public func selectedStages() throws -> [String] {
        let names = definition.names
        func check(_ name: String, _ flag: String) throws -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw RunnerError.usage("unknown stage '\(name)' in \(flag); stages are: \(names.joined(separator: ", "))")
            }
            return i
        }
        if options.only != nil && options.from != nil {
            throw RunnerError.usage("use either --only or --from, not both")
        }
        if let only = options.only { return [names[try check(only, "--only")]] }
        if let from = options.from { return Array(names[try check(from, "--from")...]) }
        return names
    }

    /// Runs the selected stages. Returns the report when every selected stage ran or was up
    /// to date (possibly on accepted partial data: ``RunReport/partial``); throws a
    /// ``RunnerError`` otherwise.
    ///
    /// In order: makes the stages, takes the run folder's lock (``RunLock``; a second run on
    /// the folder fails at once), notes a previous run that died as `interrupted`, removes
    /// temporary files killed runs left, checks the inputs of the selected stages, runs the
    /// stages, and writes run.json and its copy `runs/<run id>.json`.
    public func run() throws -> RunReport {
        let clock = DispatchTime.now()
        let startedAt = Date()
        let logger = options.logger
        let selectedList = try selectedStages()
        let selected = Set(selectedList)
        let stages = try makeStages()
        let lock = try takeLock(startedAt: startedAt)
        defer { lock.release() }

        let manifestURL = options.runDirectory.appendingPathComponent(RunManifest.fileName)
        let (previous, previousRun) = previousManifest(at: manifestURL)
        let state = RunState(manifest: newManifest(stages, previous: previous, previousRun: previousRun, started: startedAt),
                             manifestURL: manifestURL)
        for d in definition.stages where selected.contains(d.name) {
            for input in d.inputs where selected.contains(input) {
                state.readers[input, default: [:]][d.name] = .some(stages[d.name]!.tablesRead(from: input))
            }
        }
        do {
            try state.saveManifest { _ in }
        } catch {
            throw RunnerError.setup("cannot write \(manifestURL.path): \(SystemErrorText.describe(error))")
        }

        // The input check: every selected stage's files, before any stage starts.
        let problems = checkInputs(stages, selected: selected)
        let allProblems = definition.stages.flatMap { problems[$0.name] ?? [] }.uniqued()
        if !allProblems.isEmpty {
            if options.acceptPartial {
                for m in allProblems { logger.warning("incomplete input, continuing with partial data: \(m)") }
            } else {
                return try finish(outcomes: [:], selected: selected, state: state, started: clock, inputProblems: allProblems)
            }
        }
        state.inputProblems = problems
        state.rebuildable = stages.filter { !$0.value.writesCheckpoints }

        let mode = options.progress
        logger.info("run \(options.month): \(selectedList.count) of \(definition.stages.count) stages selected\(options.force ? ", forced" : "")")
        let scheduler = StageScheduler(order: launchOrder(previous: previous), selected: selected,
                                       maxConcurrency: options.maxConcurrency, state: state)
        let outcomes = scheduler.run { [self] d in
            execute(stages[d.name]!, d, selected: selected, previous: previous, state: state, mode: mode)
        }
        return try finish(outcomes: outcomes, selected: selected, state: state, started: clock, inputProblems: [])
    }

    // MARK: start of run

    /// Makes the pipeline's stages, by name; throws ``RunnerError/setup(_:)`` for a stage the
    /// registry cannot make, or one with inputs that writes no checkpoints.
    private func makeStages() throws -> [String: any Stage] {
        var stages: [String: any Stage] = [:]
        for d in definition.stages {
            let stage: any Stage
            do {
                stage = try registry.makeStage(d)
            } catch {
                throw RunnerError.setup("\(error)")
            }
            if !stage.writesCheckpoints && !d.inputs.isEmpty {
                throw RunnerError.setup("stage \(d.name) writes no checkpoints, which only a stage without inputs may do")
            }
            stages[d.name] = stage
        }
        return stages
    }

    /// Takes the run folder's lock (a second run on the folder fails at once with
    /// ``RunnerError/locked(_:)``) and removes the temporary files killed runs left.
    private func takeLock(startedAt: Date) throws -> RunLock {
        let runDir = options.runDirectory
        let lock: RunLock
        do {
            lock = try RunLock.acquire(runDirectory: runDir, holder: .current(runId: options.runId, started: startedAt))
        } catch let e as RunLockError {
            if case .held = e { throw RunnerError.locked("\(e)") }
            throw RunnerError.setup("\(e)")
        }
        if let stale = lock.previousHolder {
            options.logger.warning("took over the lock of a run that did not finish (\(stale))")
        }
        let removed = AtomicFile.removeTemporaries(under: runDir)
        if !removed.isEmpty {
            options.logger.notice("removed \(removed.count) temporary file(s) left by an earlier run that was killed")
        }
        return lock
    }

    /// The run.json an earlier run of the folder left, for the up-to-date checks (`nil` when
    /// there is none, it cannot be read, or it is of another month), and a reference to that run
    /// for the new record. A run still marked `running` died (the caller holds the lock): it is
    /// recorded as `interrupted` in `runs/`.
    private func previousManifest(at url: URL) -> (RunManifest?, RunReference?) {
        let logger = options.logger
        let previous: RunManifest?
        do {
            previous = try RunManifest.load(from: url)
        } catch {
            logger.warning("\(error); treating every stage as stale")
            return (nil, nil)
        }
        guard let p = previous else { return (nil, nil) }
        let outcome = p.outcome == "running" ? "interrupted" : p.outcome
        let reference = RunReference(runId: p.runId, started: p.started, outcome: outcome)
        if p.outcome == "running" {
            logger.warning("the previous run \(p.runId) (started \(p.started)) was interrupted; its unfinished stages are recomputed")
            var interrupted = p
            interrupted.outcome = "interrupted"
            try? Self.writeHistory(interrupted, runDirectory: options.runDirectory)
        }
        if p.month != options.month.description {
            logger.warning("run.json in \(options.runDirectory.path) is for month \(p.month), not \(options.month); treating every stage as stale")
            return (nil, reference)
        }
        return (p, reference)
    }

    /// This run's record as it starts: every stage's record from `previous`, or a new one.
    private func newManifest(_ stages: [String: any Stage], previous: RunManifest?, previousRun: RunReference?,
                             started: Date) -> RunManifest {
        var manifest = RunManifest(month: options.month.description, started: started, runId: options.runId, tool: options.tool)
        manifest.arguments = options.arguments
        manifest.dataDirectory = options.dataDirectory.standardizedFileURL.path
        manifest.outputDirectory = options.outputDirectory.standardizedFileURL.path
        manifest.previousRun = previousRun
        for d in definition.stages {
            let stage = stages[d.name]!
            manifest.stages.append(previous?[stage: d.name]
                ?? RunManifest.StageRecord(name: d.name, kind: d.kind, codeVersion: stage.codeVersion, parameters: d.parameters))
        }
        return manifest
    }

    /// The problems each selected stage finds with the files it will read
    /// (``Stage/checkInputs(_:)``), by stage; stages without problems have no entry.
    private func checkInputs(_ stages: [String: any Stage], selected: Set<String>) -> [String: [String]] {
        var problems: [String: [String]] = [:]
        for d in definition.stages where selected.contains(d.name) {
            let context = StageContext(
                stageName: d.name, month: options.month, dataDirectory: options.dataDirectory,
                runDirectory: options.runDirectory, parameters: d.parameters, acceptPartial: options.acceptPartial,
                inputs: d.inputs, logger: options.logger, source: { s, t in throw CheckpointError.missingTable(stage: s, table: t, url: nil) })
            do {
                let found = try stages[d.name]!.checkInputs(context)
                if !found.isEmpty { problems[d.name] = found }
            } catch {
                problems[d.name] = ["stage \(d.name): cannot check its inputs: \(SystemErrorText.describe(error))"]
            }
        }
        return problems
    }

    /// The stages in the order ready ones are launched: by the seconds they took when they last
    /// ran, longest first, as this run folder's run.json (`previous`) or else the previous
    /// month's (`OUT/<M-1>/run.json`, a nightly run) records them; stages without a record, and
    /// ties, in declared order. With two workers, a nightly run's `samtale` extract (three times
    /// the next extract's seconds) otherwise starts fifth of thirteen and ends the extracts last.
    func launchOrder(previous: RunManifest?) -> [StageDeclaration] {
        let earlierMonth = options.runDirectory.deletingLastPathComponent()
            .appendingPathComponent(options.month.advanced(by: -1).compact, isDirectory: true)
            .appendingPathComponent(RunManifest.fileName)
        let lastMonth = try? RunManifest.load(from: earlierMonth)
        func seconds(_ name: String) -> Double {
            for m in [previous, lastMonth] {
                if let r = m?[stage: name], r.status == .ran { return r.seconds }
            }
            return 0
        }
        let expected = definition.stages.map { seconds($0.name) }
        return definition.stages.indices
            .sorted { (expected[$0], -$0) > (expected[$1], -$1) }
            .map { definition.stages[$0] }
    }

    /// Writes `manifest` to `runs/<run id>.json` in the run folder.
    static func writeHistory(_ manifest: RunManifest, runDirectory: URL) throws {
        guard !manifest.runId.isEmpty else { return }
        let url = runDirectory.appendingPathComponent(RunManifest.historyFolder, isDirectory: true)
            .appendingPathComponent("\(manifest.runId).json")
        try manifest.write(to: url)
    }
}

/// A broken promise between a stage and the runner (an output not produced, a table asked
/// for that no stage makes): a bug in the stage, reported as its failure.
struct RunnerInternalError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
