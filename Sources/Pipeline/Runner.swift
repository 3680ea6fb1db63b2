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

        var stages: [String: any Stage] = [:]
        for d in definition.stages {
            do {
                stages[d.name] = try registry.makeStage(d)
            } catch {
                throw RunnerError.setup("\(error)")
            }
            if !stages[d.name]!.writesCheckpoints && !d.inputs.isEmpty {
                throw RunnerError.setup("stage \(d.name) writes no checkpoints, which only a stage without inputs may do")
            }
        }

        let runDir = options.runDirectory
        let lock: RunLock
        do {
            lock = try RunLock.acquire(runDirectory: runDir, holder: .current(runId: options.runId, started: startedAt))
        } catch let e as RunLockError {
            if case .held = e { throw RunnerError.locked("\(e)") }
            throw RunnerError.setup("\(e)")
        }
        defer { lock.release() }
        if let stale = lock.previousHolder {
            logger.warning("took over the lock of a run that did not finish (\(stale))")
        }
        let removed = AtomicFile.removeTemporaries(under: runDir)
        if !removed.isEmpty {
            logger.notice("removed \(removed.count) temporary file(s) left by an earlier run that was killed")
        }

        let manifestURL = runDir.appendingPathComponent(RunManifest.fileName)
        var previous: RunManifest?
        do {
            previous = try RunManifest.load(from: manifestURL)
        } catch {
            logger.warning("\(error); treating every stage as stale")
        }
        var previousRun: RunReference?
        if let p = previous {
            // We hold the lock, so a run still marked `running` is one whose process died.
            let outcome = p.outcome == "running" ? "interrupted" : p.outcome
            previousRun = RunReference(runId: p.runId, started: p.started, outcome: outcome)
            if p.outcome == "running" {
                logger.warning("the previous run \(p.runId) (started \(p.started)) was interrupted; its unfinished stages are recomputed")
                var interrupted = p
                interrupted.outcome = "interrupted"
                try? Self.writeHistory(interrupted, runDirectory: runDir)
            }
        }
        if let p = previous, p.month != options.month.description {
            logger.warning("run.json in \(runDir.path) is for month \(p.month), not \(options.month); treating every stage as stale")
            previous = nil
        }

        let previousManifest = previous
        var manifest = RunManifest(month: options.month.description, started: startedAt, runId: options.runId, tool: options.tool)
        manifest.arguments = options.arguments
        manifest.dataDirectory = options.dataDirectory.standardizedFileURL.path
        manifest.outputDirectory = options.outputDirectory.standardizedFileURL.path
        manifest.previousRun = previousRun
        for d in definition.stages {
            let stage = stages[d.name]!
            manifest.stages.append(previous?[stage: d.name]
                ?? RunManifest.StageRecord(name: d.name, kind: d.kind, codeVersion: stage.codeVersion, parameters: d.parameters))
        }

        let state = RunState(manifest: manifest, manifestURL: manifestURL)
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
        var problems: [String: [String]] = [:]
        for d in definition.stages where selected.contains(d.name) {
            let context = StageContext(
                stageName: d.name, month: options.month, dataDirectory: options.dataDirectory,
                runDirectory: runDir, parameters: d.parameters, acceptPartial: options.acceptPartial,
                inputs: d.inputs, logger: logger, source: { s, t in throw CheckpointError.missingTable(stage: s, table: t, url: nil) })
            do {
                let found = try stages[d.name]!.checkInputs(context)
                if !found.isEmpty { problems[d.name] = found }
            } catch {
                problems[d.name] = ["stage \(d.name): cannot check its inputs: \(SystemErrorText.describe(error))"]
            }
        }
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

        // Schedule: launch every stage whose selected inputs are done, up to maxConcurrency at
        // once, the longest first (``launchOrder(previous:)``).
        let launchOrder = launchOrder(previous: previousManifest)
        state.condition.lock()
        while true {
            if !state.stopLaunching {
                for d in launchOrder where selected.contains(d.name) && state.outcomes[d.name] == nil {
                    if state.running >= options.maxConcurrency { break }
                    var ready = true
                    var blockedBy: String?
                    for input in d.inputs where selected.contains(input) {
                        switch state.outcomes[input] {
                        case .ran?, .upToDate?: continue
                        case nil, .running?: ready = false
                        case .failed?, .refused?, .blocked?: blockedBy = input
                        }
                    }
                    if let blockedBy {
                        state.outcomes[d.name] = .blocked("stage \(blockedBy) did not complete", refusals: [])
                        state.releaseInputs(of: d, selected: selected)
                        continue
                    }
                    guard ready else { continue }
                    state.outcomes[d.name] = .running
                    state.running += 1
                    let stage = stages[d.name]!
                    // Each running stage gets a thread of its own: stages block for seconds on
                    // files, and the global Dispatch pool of a loaded machine does not always grow
                    // for blocked work, which would run independent stages one after another.
                    // (Inside a stage, data-parallel work still uses Dispatch.)
                    let thread = Thread { [self] in
                        let outcome = self.execute(stage, d, selected: selected, previous: previousManifest, state: state, mode: mode)
                        state.condition.lock()
                        state.outcomes[d.name] = outcome
                        state.running -= 1
                        if case .failed = outcome { state.stopLaunching = true }
                        state.releaseInputs(of: d, selected: selected)
                        state.condition.broadcast()
                        state.condition.unlock()
                    }
                    thread.name = "ydelse stage \(d.name)"
                    thread.stackSize = 16 << 20
                    thread.start()
                }
            }
            if state.running == 0 { break }
            state.condition.wait()
        }
        let outcomes = state.outcomes
        state.condition.unlock()

        return try finish(outcomes: outcomes, selected: selected, state: state, started: clock, inputProblems: [])
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

    // MARK: one stage

    private func execute(
        _ stage: any Stage, _ decl: StageDeclaration, selected: Set<String>, previous: RunManifest?,
        state: RunState, mode: ProgressReporter.Mode
    ) -> Outcome {
        let name = decl.name
        var log = options.logger
        log[metadataKey: "stage"] = "\(name)"
        let store = CheckpointStore(runDirectory: options.runDirectory, codec: codec)
        let progress = ProgressReporter(stage: name, mode: mode, logger: log)
        defer { progress.finish() }

        // Upstream fingerprints: computed in this run, or recorded for stages taken from checkpoints.
        // Refusals behind the inputs' data travel downstream, so partial data is never trusted
        // by a run that does not accept it, however far down the stage is.
        var upstream: [String: Fingerprint] = [:]
        var inherited: [String] = []
        for input in decl.inputs {
            if let (fp, refusals) = state.done(input) {
                upstream[input] = fp
                inherited += refusals
            } else if let rec = previous?[stage: input], let fp = rec.fingerprint,
                      rec.status == .ran || rec.status == .upToDate {
                upstream[input] = fp
                inherited += rec.refusals
            } else {
                upstream[input] = Fingerprint.of("missing:\(input)")
            }
        }
        inherited = inherited.uniqued()
        let ownProblems = state.inputProblems[name] ?? []
        if !inherited.isEmpty && !options.acceptPartial {
            log.error("inputs hold partial data; not run")
            return .blocked("its inputs were built from partial data; rerun them or use --accept-partial", refusals: inherited)
        }

        let context = StageContext(
            stageName: name, month: options.month, dataDirectory: options.dataDirectory,
            runDirectory: options.runDirectory, parameters: stage.parameters, acceptPartial: options.acceptPartial,
            inputs: decl.inputs, logger: log, progress: progress,
            source: { [self, upstream, log] s, t in
                if let table = state.memoryTable(s, t) { return table }
                if let up = state.rebuildable[s] { return try self.rebuild(up, table: t, expected: upstream[s], state: state, log: log) }
                return try store.read(stage: s, table: t)
            },
            tail: { [self, upstream, log] s, t, start in
                if let table = state.memoryTable(s, t) { return try CheckpointRowsError.rows(of: table, from: start) }
                if let up = state.rebuildable[s] {
                    let table = try self.rebuild(up, table: t, expected: upstream[s], state: state, log: log)
                    return try CheckpointRowsError.rows(of: table, from: start)
                }
                return try store.read(stage: s, table: t, fromRow: start)
            },
            records: { s in
                guard let r = state.manifestSnapshot()[stage: s], r.status == .ran || r.status == .upToDate else { return nil }
                return r
            })

        let t0 = DispatchTime.now()
        var record = RunManifest.StageRecord(name: name, kind: decl.kind, status: .running,
                                             codeVersion: stage.codeVersion, parameters: stage.parameters)
        record.upstream = upstream
        record.started = Date()
        do {
            let inputFP = try stage.inputFingerprint(context)
            record.inputFingerprint = inputFP
            let fp = fingerprint(of: stage, upstream: upstream, input: inputFP)

            let forced = options.force && selected.contains(name)
            if !forced, let old = previous?[stage: name], old.fingerprint == fp,
               old.status == .ran || old.status == .upToDate,
               old.refusals.isEmpty || options.acceptPartial {
                // Up to date only when every checkpoint is the one run.json records (size and
                // embedded fingerprint; a truncated or replaced file is not) and every file
                // output has its recorded size and hash.
                let broken = (stage.writesCheckpoints
                    ? stage.outputs.lazy.compactMap { store.mismatch(stage: name, table: $0, record: old.tables[$0]) }.first : nil)
                    ?? Self.fileMismatch(stage.fileOutputs, record: old, runDirectory: options.runDirectory)
                if let broken {
                    log.notice("recomputing: \(broken)")
                } else {
                    var rec = old
                    rec.status = .upToDate
                    rec.error = nil
                    rec.refusals = (old.refusals + ownProblems).uniqued()
                    state.setDone(name, fp, refusals: rec.refusals)
                    try state.saveManifest { $0[stage: name] = rec }
                    log.info("up to date")
                    return .upToDate
                }
            }

            try state.saveManifest { $0[stage: name] = record }   // invalidates the old record first
            log.info("running")
            let result = try stage.run(context)

            let missing = stage.outputs.filter { result.tables[$0] == nil && result.encodedTables[$0] == nil }
            guard missing.isEmpty else {
                throw RunnerInternalError("did not produce table(s) \(missing.joined(separator: ", ")) (declared outputs: \(stage.outputs.joined(separator: ", ")))")
            }
            let extra = Set(result.tables.keys).union(result.encodedTables.keys).filter { !stage.outputs.contains($0) }.sorted()
            guard extra.isEmpty else {
                throw RunnerInternalError("produced undeclared table(s) \(extra.joined(separator: ", ")); add them to the stage's outputs")
            }

            let missingFiles = stage.fileOutputs.filter { result.files[$0] == nil }
            guard missingFiles.isEmpty else {
                throw RunnerInternalError("did not produce file(s) \(missingFiles.joined(separator: ", ")) (declared file outputs: \(stage.fileOutputs.joined(separator: ", ")))")
            }
            let extraFiles = result.files.keys.filter { !stage.fileOutputs.contains($0) }.sorted()
            guard extraFiles.isEmpty else {
                throw RunnerInternalError("produced undeclared file(s) \(extraFiles.joined(separator: ", ")); add them to the stage's fileOutputs")
            }

            record.rowsIn = result.rowsIn ?? context.rowsReadFromInputs
            guard result.encodedTables.isEmpty || stage.writesCheckpoints else {
                throw RunnerInternalError("handed over encoded tables but writes no checkpoints: nothing could read them")
            }
            record.rowsOut = result.tables.mapValues(\.rowCount).merging(result.encodedTables.mapValues(\.rowCount)) { a, _ in a }
            record.counters = result.counters
            record.rejects = result.rejects
            record.notes = result.notes
            record.refusals = (inherited + ownProblems + result.refusals).uniqued()
            record.inputs = result.inputFiles

            if !result.refusals.isEmpty && !options.acceptPartial {
                record.status = .refused
                record.seconds = seconds(since: t0)
                try state.saveManifest { $0[stage: name] = record }
                for m in result.refusals { log.error("refused: \(m)") }
                return .refused(result.refusals)
            }

            // The output tables are written side by side (encoding, copying into the page
            // cache and fsync overlap); each file is still atomic on its own. Each on a thread of
            // its own (``Parallel/lanes(_:_:)``), so the compression inside uses every core also
            // when one large table is left.
            let outputs = stage.outputs, tables = result.tables, encoded = result.encodedTables
            let month = options.month.description
            let codeVersion = stage.codeVersion
            if stage.writesCheckpoints {
                let written = try Parallel.lanes(outputs.count) { i in
                    Result { () throws -> TableRecord in
                        let table = outputs[i]
                        let metadata = [
                            "ydelse.stage": name, "ydelse.table": table, CheckpointStore.fingerprintKey: fp.hex,
                            "ydelse.code_version": codeVersion, "ydelse.month": month,
                        ]
                        let hash = stage.hashesCheckpoints
                        if let e = encoded[table] { return try store.write(e, stage: name, name: table, metadata: metadata, contentHash: hash) }
                        return try store.write(tables[table]!, stage: name, name: table, metadata: metadata, contentHash: hash)
                    }
                }.map { try $0.get() }
                record.tables = Dictionary(uniqueKeysWithValues: zip(outputs, written))
            } else {
                // Checkpoints an earlier ydelse wrote for this stage are no longer read.
                try? FileManager.default.removeItem(at: options.runDirectory
                    .appendingPathComponent("checkpoints", isDirectory: true).appendingPathComponent(name, isDirectory: true))
                record.tables = [:]
            }
            let runDirectory = options.runDirectory
            let files = result.files.sorted { $0.key < $1.key }
            _ = try Parallel.tryMap(files.count) { i in
                try AtomicFile.write(files[i].value, to: runDirectory.appendingPathComponent(files[i].key))
            }
            record.files = result.files.mapValues(FileRecord.init)
            if stage.keepsTablesInMemory || !stage.writesCheckpoints { state.keepInMemory(name, result.tables) }

            record.status = .ran
            record.fingerprint = fp
            record.seconds = seconds(since: t0)
            record.finished = Date()
            record.computedAt = record.finished
            record.computedBy = options.runId
            state.setDone(name, fp, refusals: record.refusals)
            try state.saveManifest { $0[stage: name] = record }
            for m in result.refusals { log.warning("refused, continuing with partial data: \(m)") }
            log.info("ran in \(TextTable.seconds(record.seconds)) s")
            return .ran
        } catch {
            let message = SystemErrorText.describe(error)
            record.status = .failed
            record.finished = Date()
            record.fingerprint = nil
            record.error = message
            record.seconds = seconds(since: t0)
            _ = try? state.saveManifest { $0[stage: name] = record }
            log.error("failed: \(message)")
            return .failed(message)
        }
    }

    /// The fingerprint of `stage` in this run (month, reference data) with these upstream and
    /// input fingerprints: what run.json records and the up-to-date check compares.
    private func fingerprint(of stage: any Stage, upstream: [String: Fingerprint], input: Fingerprint?) -> Fingerprint {
        Fingerprint.stage(name: stage.name, codeVersion: stage.codeVersion, parameters: stage.parameters,
                          month: options.month, upstream: upstream, input: input, reference: registry.referenceData)
    }

    /// A table of a stage that writes no checkpoints (``Stage/writesCheckpoints``), for a
    /// consumer in a run where that stage was up to date: the stage runs again, once per run,
    /// provided its fingerprint is still `expected` (the one the consumer's fingerprint was made
    /// with); otherwise what it reads changed since, and the consumer must not go on.
    private func rebuild(_ stage: any Stage, table: String, expected: Fingerprint?, state: RunState, log: Logger) throws -> Table {
        try state.rebuildLock.withLock {
            if let t = state.rebuiltTable(stage.name, table) { return t }
            let context = StageContext(
                stageName: stage.name, month: options.month, dataDirectory: options.dataDirectory,
                runDirectory: options.runDirectory, parameters: stage.parameters, acceptPartial: options.acceptPartial,
                inputs: [], logger: log, progress: ProgressReporter(stage: stage.name, mode: .silent, logger: log),
                source: { s, _ in throw RunnerInternalError("stage \(stage.name) has no inputs, yet asked for \(s)") })
            guard fingerprint(of: stage, upstream: [:], input: try stage.inputFingerprint(context)) == expected else {
                throw RunnerInternalError("stage \(stage.name) keeps no checkpoint and what it reads changed since it ran: run it again (it is not selected)")
            }
            log.info("building the tables of \(stage.name) again (it keeps no checkpoint)")
            let result = try stage.run(context)
            state.keepRebuilt(stage.name, result.tables)
            guard let t = result.tables[table] else { throw RunnerInternalError("stage \(stage.name) has no table \(table)") }
            return t
        }
    }

    /// Why a declared file output does not have the size and hash recorded in `record`, or
    /// `nil` when all do.
    static func fileMismatch(_ paths: [String], record: RunManifest.StageRecord, runDirectory: URL) -> String? {
        for path in paths {
            let url = runDirectory.appendingPathComponent(path)
            guard let r = record.files[path] else { return "run.json has no record of \(url.path)" }
            if !r.matches(fileAt: url) { return "\(url.path) is missing or differs from run.json" }
        }
        return nil
    }

    private func seconds(since t0: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9
    }

    // MARK: end of run

    private func finish(outcomes: [String: Outcome], selected: Set<String>, state: RunState, started: DispatchTime,
                        inputProblems: [String]) throws -> RunReport {
        var failure: (stage: String, message: String)?
        var unaccepted: [String] = []
        var reports: [RunReport.StageReport] = []
        let manifestNow = state.manifestSnapshot()
        for d in definition.stages {
            let rec = manifestNow[stage: d.name]!
            var r = RunReport.StageReport(
                name: d.name, status: .notRun, rowsIn: nil, rowsOut: [:], seconds: 0,
                counters: [:], rejects: [:], notes: [], refusals: [], reason: nil)
            let fromRecord = {
                r.rowsIn = rec.rowsIn; r.rowsOut = rec.rowsOut; r.counters = rec.counters
                r.rejects = rec.rejects; r.notes = rec.notes; r.refusals = rec.refusals
            }
            switch outcomes[d.name] {
            case nil:
                if !inputProblems.isEmpty {
                    r.reason = selected.contains(d.name) ? "the input check failed" : nil
                } else {
                    r.reason = selected.contains(d.name) ? "stopped after a failure" : nil
                }
            case .running?:
                r.reason = "still running"   // not reachable: the scheduler waits for every stage
            case .ran?:
                r.status = .ran; fromRecord(); r.seconds = rec.seconds
            case .upToDate?:
                r.status = .upToDate; fromRecord(); r.seconds = rec.seconds
            case let .failed(message)?:
                r.status = .failed; r.seconds = rec.seconds; r.reason = message
                if failure == nil { failure = (d.name, message) }
            case let .refused(messages)?:
                r.status = .refused; fromRecord(); r.seconds = rec.seconds
                unaccepted += messages
            case let .blocked(reason, refusals)?:
                r.reason = reason
                unaccepted += refusals
            }
            reports.append(r)
        }

        let final = try? state.saveManifest { m in
            m.finished = Date()
            let valid = m.stages.filter { $0.status == .ran || $0.status == .upToDate }
            var rejects: [String: Int] = [:]
            for s in valid { for (k, v) in s.rejects { rejects[k, default: 0] += v } }
            m.rejects = rejects
            let accepted = valid.flatMap(\.refusals).uniqued()
            m.partial = !accepted.isEmpty
            m.refusals = (inputProblems + accepted + unaccepted).uniqued()
            var inputs: [String: FileRecord] = [:]
            for s in valid { inputs.merge(s.inputs) { a, _ in a } }
            m.inputs = inputs
            if failure != nil { m.outcome = "failed" }
            else if !unaccepted.isEmpty || !inputProblems.isEmpty { m.outcome = "refused" }
            else { m.outcome = m.partial ? "partial" : "succeeded" }
        }
        if let final { try? Self.writeHistory(final, runDirectory: options.runDirectory) }
        let manifest = final ?? state.manifestSnapshot()
        let total = seconds(since: started)
        let report = RunReport(
            month: options.month, runDirectory: options.runDirectory, stages: reports,
            rejects: manifest.rejects,
            partial: manifest.partial && unaccepted.isEmpty,
            refusals: unaccepted.isEmpty ? manifest.refusals : unaccepted.uniqued(),
            stoppedByRefusal: !unaccepted.isEmpty,
            failure: failure.map { "stage \($0.stage) failed: \($0.message)" },
            totalSeconds: total, manifest: manifest)

        if let failure { throw RunnerError.stageFailed(stage: failure.stage, message: failure.message, report: report) }
        if !inputProblems.isEmpty { throw RunnerError.incompleteInputs(messages: inputProblems, report: report) }
        if !unaccepted.isEmpty { throw RunnerError.refused(messages: unaccepted.uniqued(), report: report) }
        if state.manifestWriteError != nil {
            throw RunnerError.setup("cannot write \(state.manifestURL.path): \(state.manifestWriteError!)")
        }
        return report
    }
}

/// What became of a selected stage.
enum Outcome: Sendable, Equatable {
    case running, ran, upToDate
    case failed(String)
    case refused([String])
    case blocked(String, refusals: [String])
}

struct RunnerInternalError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Shared, lock-protected state of one run.
final class RunState: @unchecked Sendable {
    let condition = NSCondition()
    // Guarded by `condition`.
    var outcomes: [String: Outcome] = [:]
    var running = 0
    var stopLaunching = false
    /// Per stage, the selected stages still to finish that read its tables, with the tables each
    /// reads (nil: any).
    var readers: [String: [String: Set<String>?]] = [:]
    /// Input-check problems per stage, accepted with `--accept-partial`; set before any
    /// stage starts, read-only afterwards.
    var inputProblems: [String: [String]] = [:]

    private let lock = NSLock()
    // Guarded by `lock`.
    private var finished: [String: (Fingerprint, [String])] = [:]
    private var tables: [String: [String: Table]] = [:]
    private var keepers: Set<String> = []

    private let manifestLock = NSLock()
    // Guarded by `manifestLock`.
    private var manifest: RunManifest
    private(set) var manifestWriteError: String?
    let manifestURL: URL

    init(manifest: RunManifest, manifestURL: URL) {
        self.manifest = manifest
        self.manifestURL = manifestURL
    }

    /// Output fingerprint and refusals of a stage that ran or was up to date in this run.
    func done(_ stage: String) -> (Fingerprint, [String])? { lock.withLock { finished[stage] } }
    func setDone(_ stage: String, _ fp: Fingerprint, refusals: [String]) { lock.withLock { finished[stage] = (fp, refusals) } }
    func memoryTable(_ stage: String, _ table: String) -> Table? { lock.withLock { tables[stage]?[table] } }

    /// Stages that write no checkpoints, by name; set before any stage starts, read-only afterwards.
    var rebuildable: [String: any Stage] = [:]
    /// Serialises rebuilding them (``Runner``'s `rebuild`), so each runs at most once per run.
    let rebuildLock = NSLock()
    /// Their tables as built again in this run. Guarded by `lock`.
    private var rebuilt: [String: [String: Table]] = [:]
    func rebuiltTable(_ stage: String, _ table: String) -> Table? { lock.withLock { rebuilt[stage]?[table] } }
    func keepRebuilt(_ stage: String, _ result: [String: Table]) { lock.withLock { rebuilt[stage] = result } }

    /// Keeps a stage's tables in memory while selected stages still need them.
    /// Called from a worker; `readers` is only read here under `condition`.
    func keepInMemory(_ stage: String, _ result: [String: Table]) {
        condition.lock()
        let left = readers[stage] ?? [:]
        condition.unlock()
        guard !left.isEmpty else { return }
        let read = Self.tablesRead(by: left)
        lock.withLock { tables[stage] = read.map { r in result.filter { r.contains($0.key) } } ?? result }
    }

    /// The tables `readers` read together: nil when one of them reads any.
    private static func tablesRead(by readers: [String: Set<String>?]) -> Set<String>? {
        var read = Set<String>()
        for tables in readers.values {
            guard let tables else { return nil }
            read.formUnion(tables)
        }
        return read
    }

    /// A stage is done with its inputs: free the tables no stage still to finish reads (all of
    /// an input's when none is left; else those that none of them declares it reads, see
    /// ``Stage/tablesRead(from:)``). Caller holds `condition`.
    func releaseInputs(of decl: StageDeclaration, selected: Set<String>) {
        for input in decl.inputs where selected.contains(input) {
            readers[input]?[decl.name] = nil
            let left = readers[input] ?? [:]
            if left.isEmpty {
                _ = lock.withLock { tables.removeValue(forKey: input) }
            } else if let read = Self.tablesRead(by: left) {
                lock.withLock { tables[input] = tables[input]?.filter { read.contains($0.key) } }
            }
        }
    }

    /// Applies `change` and writes run.json atomically; returns the new manifest.
    @discardableResult
    func saveManifest(_ change: (inout RunManifest) -> Void) throws -> RunManifest {
        manifestLock.lock()
        defer { manifestLock.unlock() }
        change(&manifest)
        do {
            try manifest.write(to: manifestURL)
        } catch {
            manifestWriteError = SystemErrorText.describe(error)
            throw error
        }
        return manifest
    }

    func manifestSnapshot() -> RunManifest { manifestLock.withLock { manifest } }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
