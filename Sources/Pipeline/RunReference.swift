import Foundation

/// Another run of the same folder, as a later run saw it.
public struct RunReference: Codable, Sendable, Equatable {
    public var runId: String
    public var started: Date
    /// Its outcome; `interrupted` when it was still `running` and its lock was free (its
    /// process had died).
    public var outcome: String

    public init(runId: String, started: Date, outcome: String) {
        self.runId = runId
        self.started = started
        self.outcome = outcome
    }
}
