import ColumnStore
import Dispatch
import Foundation
import Logging

// One stage of a run: fingerprint -> up to date? -> run -> check what it made -> persist.
extension Runner {
    /// Runs one stage of the run (or finds it up to date) and records it in run.json.
    func execute(
        _ stage: any Stage, _ decl: StageDeclaration, selected: Set<String>, previous: RunManifest?,
        state: RunState, mode: ProgressReporter.Mode
    ) -> Outcome {
        let name = decl.name
        var log = options.logger
        log[metadataKey: "stage"] = "\(name)"
        let store = CheckpointStore(runDirectory: options.runDirectory, codec: codec)
        let progress = ProgressReporter(stage: name, mode: mode, logger: log)
        defer { progress.finish() }

        let (upstream, inherited) = upstreamFingerprints(of: decl, previous: previous, state: state)
        let ownProblems = state.inputProblems[name] ?? []
        if !inherited.isEmpty && !options.acceptPartial {
            log.error("inputs hold partial data; not run")
            return .blocked("its inputs were built from partial data; rerun them or use --accept-partial", refusals: inherited)
        }
        let context = context(for: stage, decl, upstream: upstream, store: store, state: state, log: log, progress: progress)

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
            if !forced, var rec = upToDateRecord(of: stage, fingerprint: fp, previous: previous, store: store, log: log) {
                rec.status = .upToDate
                rec.error = nil
                rec.refusals = (rec.refusals + ownProblems).uniqued()
                state.setDone(name, fp, refusals: rec.refusals)
                try state.saveManifest { $0[stage: name] = rec }
                log.info("up to date")
                return .upToDate
            }

            try state.saveManifest { $0[stage: name] = record }   // invalidates the old record first
            log.info("running")
            let result = try stage.run(context)
            try Self.checkOutputs(of: stage, result)

            record.rowsIn = result.rowsIn ?? context.rowsReadFromInputs
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

            record.tables = try writeCheckpoints(of: stage, result, fingerprint: fp, store: store)
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

    /// The fingerprints of `decl`'s inputs, computed in this run or recorded for stages taken
    /// from their checkpoints, and the refusals behind the inputs' data: they travel downstream,
    /// so partial data is never trusted by a run that does not accept it, however far down the
    /// stage is.
    private func upstreamFingerprints(of decl: StageDeclaration, previous: RunManifest?,
                                      state: RunState) -> (upstream: [String: Fingerprint], refusals: [String]) {
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
        return (upstream, inherited.uniqued())
    }

    /// What `stage` sees of the run: its upstream tables from memory, from a stage that keeps
    /// no checkpoint built again, or from the checkpoints, and the run.json records of the
    /// stages before it.
    private func context(for stage: any Stage, _ decl: StageDeclaration, upstream: [String: Fingerprint],
                         store: CheckpointStore, state: RunState, log: Logger, progress: ProgressReporter) -> StageContext {
        StageContext(
            stageName: decl.name, month: options.month, dataDirectory: options.dataDirectory,
            runDirectory: options.runDirectory, parameters: stage.parameters, acceptPartial: options.acceptPartial,
            inputs: decl.inputs, logger: log, progress: progress,
            source: { [self] s, t in
                if let table = state.memoryTable(s, t) { return table }
                if let up = state.rebuildable[s] { return try self.rebuild(up, table: t, expected: upstream[s], state: state, log: log) }
                return try store.read(stage: s, table: t)
            },
            tail: { [self] s, t, start in
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
    }

    /// The record of the run that last made `stage`'s outputs when they are up to date: the
    /// same fingerprint `fp`, ran or up to date then, without refusals (or with, under
    /// `--accept-partial`), every checkpoint the one run.json records (size and embedded
    /// fingerprint; a truncated or replaced file is not) and every file output of its recorded
    /// size and hash. `nil` otherwise (logged when a file is what is wrong).
    private func upToDateRecord(of stage: any Stage, fingerprint fp: Fingerprint, previous: RunManifest?,
                                store: CheckpointStore, log: Logger) -> RunManifest.StageRecord? {
        guard let old = previous?[stage: stage.name], old.fingerprint == fp,
              old.status == .ran || old.status == .upToDate,
              old.refusals.isEmpty || options.acceptPartial else { return nil }
        let broken = (stage.writesCheckpoints
            ? stage.outputs.lazy.compactMap { store.mismatch(stage: stage.name, table: $0, record: old.tables[$0]) }.first : nil)
            ?? Self.fileMismatch(stage.fileOutputs, record: old, runDirectory: options.runDirectory)
        if let broken {
            log.notice("recomputing: \(broken)")
            return nil
        }
        return old
    }

    /// Throws unless `result` holds exactly the tables and files `stage` declares.
    static func checkOutputs(of stage: any Stage, _ result: StageResult) throws {
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
        guard result.encodedTables.isEmpty || stage.writesCheckpoints else {
            throw RunnerInternalError("handed over encoded tables but writes no checkpoints: nothing could read them")
        }
    }

    /// Writes `stage`'s output tables as checkpoints stamped with `fp` and returns their
    /// records; for a stage that writes none, removes checkpoints an earlier ydelse wrote and
    /// returns none.
    ///
    /// The tables are written side by side (encoding, copying into the page cache and fsync
    /// overlap); each file is still atomic on its own. Each on a thread of its own
    /// (``Parallel/lanes(_:_:)``), so the compression inside uses every core also when one
    /// large table is left.
    private func writeCheckpoints(of stage: any Stage, _ result: StageResult, fingerprint fp: Fingerprint,
                                  store: CheckpointStore) throws -> [String: TableRecord] {
        let name = stage.name
        guard stage.writesCheckpoints else {
            try? FileManager.default.removeItem(at: options.runDirectory
                .appendingPathComponent("checkpoints", isDirectory: true).appendingPathComponent(name, isDirectory: true))
            return [:]
        }
        let outputs = stage.outputs, tables = result.tables, encoded = result.encodedTables
        let month = options.month.description
        let codeVersion = stage.codeVersion, hash = stage.hashesCheckpoints
        let written = try Parallel.lanes(outputs.count) { i in
            Result { () throws -> TableRecord in
                let table = outputs[i]
                let metadata = [
                    "ydelse.stage": name, "ydelse.table": table, CheckpointStore.fingerprintKey: fp.hex,
                    "ydelse.code_version": codeVersion, "ydelse.month": month,
                ]
                if let e = encoded[table] { return try store.write(e, stage: name, name: table, metadata: metadata, contentHash: hash) }
                return try store.write(tables[table]!, stage: name, name: table, metadata: metadata, contentHash: hash)
            }
        }.map { try $0.get() }
        return Dictionary(uniqueKeysWithValues: zip(outputs, written))
    }

    /// The fingerprint of `stage` in this run (month, reference data) with these upstream and
    /// input fingerprints: what run.json records and the up-to-date check compares.
    func fingerprint(of stage: any Stage, upstream: [String: Fingerprint], input: Fingerprint?) -> Fingerprint {
        Fingerprint.stage(name: stage.name, codeVersion: stage.codeVersion, parameters: stage.parameters,
                          month: options.month, upstream: upstream, input: input, reference: registry.referenceData)
    }

    /// A table of a stage that writes no checkpoints (``Stage/writesCheckpoints``), for a
    /// consumer in a run where that stage was up to date: the stage runs again, once per run,
    /// provided its fingerprint is still `expected` (the one the consumer's fingerprint was made
    /// with); otherwise what it reads changed since, and the consumer must not go on.
    func rebuild(_ stage: any Stage, table: String, expected: Fingerprint?, state: RunState, log: Logger) throws -> Table {
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

    func seconds(since t0: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9
    }
}
