import Foundation
import Logging

/// Progress of one stage. On a terminal it redraws a live line on stderr
/// (`extract_fleur  812 / 1,204 files  67%  41 files/s  12.3 s`); otherwise it logs a plain
/// line (notice level) at most every ``logInterval`` seconds, so batch logs stay short. Nothing
/// is shown for a stage's first ``quietPeriod`` seconds, so only stages that take longer than
/// that show progress.
///
/// Cheap to call often: terminal redraws are throttled to ten a second.
public final class ProgressReporter: @unchecked Sendable {
    /// Where progress goes.
    public enum Mode: Sendable {
        /// `terminal` when stderr is a terminal, else `log`.
        case automatic
        /// A live line on stderr.
        case terminal
        /// Sparse info log lines.
        case log
        /// Nothing (the last update is still kept).
        case silent
        /// Every update's text to a closure (tests, other front ends).
        case custom(@Sendable (String) -> Void)
    }

    /// The stage reporting.
    public let stage: String
    /// Minimum seconds between log lines in `log` mode.
    public let logInterval: TimeInterval
    /// Seconds after the start before anything is shown (terminal and log modes).
    public let quietPeriod: TimeInterval

    private let mode: Mode
    private let logger: Logger
    private let lock = NSLock()
    private let started = Date()
    private var lastEmit = Date.distantPast
    private var drewLine = false
    private var lastState: (done: Int, total: Int?, unit: String)?
    private var advanced = 0

    /// Serialises stderr writes of concurrent stages.
    private static let terminalLock = NSLock()

    public init(stage: String, mode: Mode = .automatic, logger: Logger = Logger(label: "ydelse.progress"),
                logInterval: TimeInterval = 15, quietPeriod: TimeInterval = 1) {
        self.stage = stage
        self.logger = logger
        self.logInterval = logInterval
        self.quietPeriod = quietPeriod
        if case .automatic = mode {
            self.mode = Self.stderrIsTerminal ? .terminal : .log
        } else {
            self.mode = mode
        }
    }

    /// Whether stderr is a terminal.
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Reports that `done` of `total` (`nil` when unknown) `unit`s are processed.
    public func update(done: Int, total: Int? = nil, unit: String = "rows") {
        let now = Date()
        lock.lock()
        lastState = (done, total, unit)
        let interval: TimeInterval
        switch mode {
        case .terminal: interval = 0.1
        case .log: interval = logInterval
        case .silent: lock.unlock(); return
        case .custom, .automatic: interval = 0
        }
        let finished = total.map { done >= $0 } ?? false
        if interval > 0 && now.timeIntervalSince(started) < quietPeriod { lock.unlock(); return }
        guard now.timeIntervalSince(lastEmit) >= interval || (finished && interval < 1) else { lock.unlock(); return }
        lastEmit = now
        let text = line(done: done, total: total, unit: unit, now: now)
        if case .terminal = mode { drewLine = true }
        lock.unlock()

        switch mode {
        case .terminal:
            Self.terminalLock.lock()
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
            Self.terminalLock.unlock()
        case .log:
            logger.notice("\(text)")
        case .custom(let sink):
            sink(text)
        case .silent, .automatic:
            break
        }
    }

    /// Counts `n` more units done (safe from several threads at once) and reports the sum,
    /// e.g. one partition or one source finished.
    public func advance(by n: Int = 1, total: Int? = nil, unit: String = "rows") {
        lock.lock()
        advanced += n
        let done = advanced
        lock.unlock()
        update(done: done, total: total, unit: unit)
    }

    /// Clears the live line; the runner calls this when the stage ends.
    public func finish() {
        lock.lock()
        let clear = drewLine
        drewLine = false
        lock.unlock()
        if clear {
            Self.terminalLock.lock()
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            Self.terminalLock.unlock()
        }
    }

    /// The last reported `(done, total)`, or `nil`.
    public var lastUpdate: (done: Int, total: Int?)? {
        lock.lock()
        defer { lock.unlock() }
        return lastState.map { ($0.done, $0.total) }
    }

    private func line(done: Int, total: Int?, unit: String, now: Date) -> String {
        var s = "\(stage)  \(TextTable.grouped(done))"
        if let total {
            s += " / \(TextTable.grouped(total)) \(unit)"
            if total > 0 { s += "  \(min(100, done * 100 / total))%" }
        } else {
            s += " \(unit)"
        }
        let elapsed = now.timeIntervalSince(started)
        if elapsed >= 0.5 {
            s += "  \(TextTable.grouped(Int(Double(done) / elapsed))) \(unit)/s"
        }
        s += "  \(TextTable.seconds(elapsed)) s"
        return s
    }
}
