/// What happened to a stage in a run.
public enum StageStatus: String, Codable, Sendable, Equatable {
    /// Computed in this run; checkpoints written.
    case ran
    /// Skipped: its checkpoints exist and its fingerprint matches run.json.
    case upToDate = "up to date"
    /// Threw an error; see the record's `error`.
    case failed
    /// Refused a delivery and the run did not accept partial data; no checkpoints written.
    case refused
    /// Not run: not selected, or stopped by an earlier failure or refusal.
    case notRun = "not run"
    /// Started but not finished (seen in run.json only if the process died mid-stage).
    case running
}
