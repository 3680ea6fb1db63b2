import Foundation

/// Writes files so that a crash never leaves a half-written file under the final name: the
/// content goes to a temporary name in the same folder and is then renamed into place.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the folder when needed.
    public static func write(_ data: Data, to url: URL) throws {
        try replace(url) { tmp in try data.write(to: tmp) }
    }

    /// Lets `produce` write a temporary file in `url`'s folder, then renames it to `url`.
    /// The temporary file is removed when `produce` throws.
    public static func replace(_ url: URL, _ produce: (URL) throws -> Void) throws {
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw AtomicFileError(path: url.path, reason: "cannot create folder \(dir.path): \(error.localizedDescription)")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try produce(tmp)
        } catch {
            try? fm.removeItem(at: tmp)
            throw error
        }
        // rename(2) replaces an existing file atomically on POSIX file systems.
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: tmp)
            throw AtomicFileError(path: url.path, reason: "cannot rename temporary file into place: \(reason)")
        }
    }

    /// Whether `name` is a temporary name made by ``AtomicFile``.
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".tmp-")
    }
}

/// An atomic write failed.
public struct AtomicFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
