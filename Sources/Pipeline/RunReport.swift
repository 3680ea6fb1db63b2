import ColumnStore
import Foundation

/// The outcome of a run: each stage's status and figures, rejects, partial-data warning and
/// timing, with ``summaryText`` the table printed at the end of every run.
public struct RunReport: Sendable {
    /// One stage's line of the summary.
    public struct StageReport: Sendable, Equatable {
        public var name: String
        public var status: StageStatus
        public var rowsIn: Int?
        /// Rows per output table (from run.json for stages that did not run).
        public var rowsOut: [String: Int]
        /// Seconds spent in this run (0 when it did not run).
        public var seconds: Double
        public var counters: [String: Int]
        public var rejects: [String: Int]
        public var notes: [String]
        public var refusals: [String]
        /// Why it failed or was not run.
        public var reason: String?

        public var totalRowsOut: Int? { rowsOut.isEmpty ? nil : rowsOut.values.reduce(0, +) }
    }

    /// The exit status OUTPUTS.md gives a finished run: 3 on partial data, else 0.
    public var exitCode: Int32 { partial ? 3 : 0 }

    public var month: YearMonth
    public var runDirectory: URL
    /// Every stage of the pipeline, in order.
    public var stages: [StageReport]
    /// Rejected records per source.
    public var rejects: [String: Int]
    /// Whether the run's outputs were built from partial data (refused deliveries accepted
    /// with `--accept-partial`).
    public var partial: Bool
    /// Refusal messages: those accepted (when ``partial``) or those that stopped the run.
    public var refusals: [String]
    /// Whether refusals stopped the run (partial data not accepted).
    public var stoppedByRefusal: Bool
    /// `stage X failed: cause` when the run failed.
    public var failure: String?
    /// Wall-clock seconds of the whole run.
    public var totalSeconds: Double
    /// The manifest as written to run.json.
    public var manifest: RunManifest

    /// The report of stage `name`.
    public func stage(_ name: String) -> StageReport? { stages.first { $0.name == name } }

    /// Names of the stages with status `status`.
    public func stages(_ status: StageStatus) -> [String] { stages.filter { $0.status == status }.map(\.name) }

    /// The end-of-run summary: an aligned table of stages (status, rows in, rows out,
    /// seconds), rejects per source, counters, refusals or partial-data warning, total time.
    public var summaryText: String {
        var out: [String] = []
        out.append("ydelse run \(month)  →  \(runDirectory.path)")
        out.append("")
        var rows: [[String]] = [["stage", "status", "rows in", "rows out", "seconds"]]
        for s in stages {
            let ranNow = s.status == .ran || s.status == .failed || s.status == .refused
            rows.append([
                s.name,
                s.status.label,
                s.rowsIn.map(TextTable.grouped) ?? "–",
                s.totalRowsOut.map(TextTable.grouped) ?? "–",
                ranNow ? TextTable.seconds(s.seconds) : (s.status == .upToDate ? "(\(TextTable.seconds(s.seconds)))" : "–"),
            ])
        }
        out.append(TextTable.render(rows, rightAligned: [2, 3, 4]))
        if stages.contains(where: { $0.status == .upToDate }) {
            out.append("(seconds) of an up-to-date stage: the run that computed it")
        }
        out.append("")

        let ran = stages(.ran).count, fresh = stages(.upToDate).count
        let failed = stages(.failed).count, notRun = stages(.notRun).count, refused = stages(.refused).count
        var counts = "\(ran) ran, \(fresh) up to date"
        if failed > 0 { counts += ", \(failed) failed" }
        if refused > 0 { counts += ", \(refused) refused" }
        if notRun > 0 { counts += ", \(notRun) not run" }
        out.append("stages: \(counts)")

        if rejects.isEmpty || rejects.values.allSatisfy({ $0 == 0 }) {
            out.append("rejects: none")
        } else {
            out.append("rejects per source (rejects/SOURCE.csv):")
            let r = rejects.keys.sorted().map { ["  " + $0, TextTable.grouped(rejects[$0]!)] }
            out.append(TextTable.renderBody(r, rightAligned: [1]))
        }

        let counterRows = stages.flatMap { s in
            s.counters.keys.sorted().map { ["  " + s.name, $0, TextTable.grouped(s.counters[$0]!)] }
        }
        if !counterRows.isEmpty {
            out.append("counters:")
            out.append(TextTable.renderBody(counterRows, rightAligned: [2]))
        }

        for s in stages where !s.notes.isEmpty && s.status == .ran {
            for n in s.notes { out.append("note (\(s.name)): \(n)") }
        }
        for s in stages where s.status == .notRun {
            if let r = s.reason { out.append("not run (\(s.name)): \(r)") }
        }

        if manifest.outcome == "refused" && !stoppedByRefusal && !refusals.isEmpty && !partial {
            out.append("")
            out.append("INCOMPLETE DELIVERIES — no stage was run (--accept-partial goes on without them and exits 3):")
            for m in refusals { out.append("  - \(m)") }
        } else if stoppedByRefusal {
            out.append("")
            out.append("REFUSED deliveries — the run stopped before the stages that need them (--accept-partial goes on with what could be read):")
            for m in refusals { out.append("  - \(m)") }
        } else if partial {
            out.append("")
            out.append("WARNING: PARTIAL DATA — built from refused deliveries as far as they could be read (--accept-partial); the outputs are incomplete:")
            for m in refusals { out.append("  - \(m)") }
        }
        if let failure {
            out.append("")
            out.append("FAILED: \(failure)")
        }
        out.append("")
        out.append("total \(TextTable.seconds(totalSeconds)) s")
        return out.joined(separator: "\n") + "\n"
    }
}
