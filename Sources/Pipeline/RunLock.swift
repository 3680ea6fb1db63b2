import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock of one run folder: `OUT/YYYYMM/.lock`, held with `flock(2)` for the whole
/// run and holding who holds it (pid, host, start time, run id) as one JSON line.
///
/// A second run on the same folder fails at once with ``RunLockError`` naming the holder. The
/// kernel drops a `flock` when its process dies (also on `kill -9`), so the lock of a dead run
/// is free; the holder it left in the file is handed over as ``previousHolder`` (a run that
/// did not finish cleanly) and replaced.
public final class RunLock: @unchecked Sendable {
    /// Who holds (or held) a lock.
    public struct Holder: Codable, Sendable, Equatable, CustomStringConvertible {
        public var pid: Int32
        public var host: String
        public var started: Date
        public var runId: String

        public init(pid: Int32, host: String, started: Date, runId: String) {
            self.pid = pid
            self.host = host
            self.started = started
            self.runId = runId
        }

        /// The holder of this process.
        public static func current(runId: String, started: Date = Date()) -> Holder {
            Holder(pid: getpid(), host: ProcessInfo.processInfo.hostName, started: started, runId: runId)
        }

        public var description: String {
            "run \(runId), pid \(pid) on \(host), started \(ISO8601DateFormatter().string(from: started))"
        }
    }

    /// The lock file's name inside the run folder.
    public static let fileName = ".lock"

    /// The lock file.
    public let url: URL
    /// The holder found in the lock file when the lock was taken: a run that died (or was
    /// killed) without releasing it; `nil` after a clean release.
    public let previousHolder: Holder?
    private var fd: Int32

    private init(url: URL, fd: Int32, previousHolder: Holder?) {
        self.url = url
        self.fd = fd
        self.previousHolder = previousHolder
    }

    /// Takes the lock of `runDirectory` (created when missing) without waiting.
    ///
    /// - Throws: ``RunLockError/held(path:holder:)`` when another run holds it,
    ///   ``RunLockError/failed(path:reason:)`` when the file cannot be opened or locked.
    public static func acquire(runDirectory: URL, holder: Holder) throws -> RunLock {
        let url = runDirectory.appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(at: runDirectory, withIntermediateDirectories: true)
        } catch {
            throw RunLockError.failed(path: url.path, reason: "cannot create the run folder: \(SystemErrorText.describe(error))")
        }
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunLockError.failed(path: url.path, reason: "cannot open: \(SystemErrorText.lastError())")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let current = readHolder(fd)
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN {
                throw RunLockError.held(path: url.path, holder: current)
            }
            throw RunLockError.failed(path: url.path, reason: "cannot lock: \(SystemErrorText.posix(code))")
        }
        let previous = readHolder(fd)
        var line = (try? Self.encoder.encode(holder)) ?? Data()
        line.append(0x0A)
        let written = line.withUnsafeBytes { p -> Bool in
            guard ftruncate(fd, 0) == 0 else { return false }
            return pwrite(fd, p.baseAddress, p.count, 0) == p.count
        }
        guard written else {
            let reason = SystemErrorText.lastError()
            close(fd)
            throw RunLockError.failed(path: url.path, reason: "cannot write the holder: \(reason)")
        }
        fsync(fd)
        return RunLock(url: url, fd: fd, previousHolder: previous)
    }

    /// Empties the holder and releases the lock (also done by the kernel when the process ends).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// The holder written in the lock file at `fd`, or `nil` when it is empty or unreadable.
    private static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return try? decoder.decode(Holder.self, from: Data(buffer[0..<n]))
    }

    private static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return e
    }

    private static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}

/// The run folder's lock could not be taken.
public enum RunLockError: Error, CustomStringConvertible, Sendable {
    /// Another run holds it.
    case held(path: String, holder: RunLock.Holder?)
    /// The lock file cannot be opened, locked or written.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .held(path, holder?):
            return "another run is using this run folder (\(holder)); lock \(path). Wait for it to finish or use another --out"
        case let .held(path, nil):
            return "another run is using this run folder (lock \(path)). Wait for it to finish or use another --out"
        case let .failed(path, reason):
            return "cannot take the run folder's lock \(path): \(reason)"
        }
    }
}
