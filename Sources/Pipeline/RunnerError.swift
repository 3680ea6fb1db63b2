/// Why a run did not succeed. ``exitCode`` gives the command-line exit status; the cases that
/// happen after stages started carry the ``RunReport`` so the summary can still be printed.
public enum RunnerError: Error, CustomStringConvertible {
    /// Bad usage, e.g. an unknown stage in `--only`/`--from` (exit 2).
    case usage(String)
    /// The pipeline cannot be set up: a stage cannot be made, the run folder cannot be created (exit 1).
    case setup(String)
    /// A stage threw (exit 1).
    case stageFailed(stage: String, message: String, report: RunReport)
    /// Deliveries were refused and partial data was not accepted (exit 1).
    case refused(messages: [String], report: RunReport)
    /// Another run holds the run folder's lock (exit 1); the message names the holder.
    case locked(String)
    /// The input check found missing or misnamed deliveries and partial data was not
    /// accepted (exit 1); no stage ran.
    case incompleteInputs(messages: [String], report: RunReport)

    /// 2 for usage errors, 1 otherwise.
    public var exitCode: Int32 {
        if case .usage = self { return 2 }
        return 1
    }

    /// The report of the run, when stages had started.
    public var report: RunReport? {
        switch self {
        case .usage, .setup, .locked: return nil
        case let .stageFailed(_, _, report), let .refused(_, report), let .incompleteInputs(_, report): return report
        }
    }

    public var description: String {
        switch self {
        case let .usage(m): return m
        case let .setup(m): return m
        case let .locked(m): return m
        case let .incompleteInputs(messages, _):
            return "incomplete deliveries, no stage was run (rerun with --accept-partial to go on without them; the run then exits 3):\n"
                + messages.map { "  - \($0)" }.joined(separator: "\n")
        case let .stageFailed(stage, message, _): return "stage \(stage) failed: \(message)"
        case let .refused(messages, _):
            return "deliveries refused, run stopped before the stages that need them (rerun with --accept-partial to go on with what could be read):\n"
                + messages.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
