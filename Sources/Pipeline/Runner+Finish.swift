import Dispatch
import Foundation

// The end of a run: the report, the final run.json and its copy in `runs/`.
extension Runner {
    /// The run's report from what became of each stage (`outcomes`), after run.json is
    /// finished (outcome, rejects, refusals, inputs) and copied to `runs/<run id>.json`. Throws
    /// the ``RunnerError`` that carries the report when a stage failed, the input check found
    /// problems (`inputProblems`, nothing ran) or a refusal was not accepted.
    func finish(outcomes: [String: Outcome], selected: Set<String>, state: RunState, started: DispatchTime,
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
