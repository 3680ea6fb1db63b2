/// What happened to a stage in a run. The raw value is what run.json says; ``label`` is what
/// the summary prints.
public enum StageStatus: String, Codable, Sendable, Equatable {
    /// Computed in this run; checkpoints written.
    case ran
    /// Skipped: its checkpoints and files are those run.json records (fingerprint and size)
    /// and its fingerprint is unchanged. Its record keeps the seconds and times of the run that
    /// computed it.
    case upToDate = "up_to_date"
    /// Threw an error; see the record's `error`.
    case failed
    /// Refused a delivery and the run did not accept partial data; no checkpoints written.
    case refused
    /// Not run: not selected, or stopped by an earlier failure or refusal.
    case notRun = "not_run"
    /// Started but not finished (seen in run.json only if the process died mid-stage).
    case running

    /// The words of the summary table: `ran`, `up to date`, `not run`, …
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
