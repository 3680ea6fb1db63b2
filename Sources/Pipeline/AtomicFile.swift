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
            throw AtomicFileError(path: url.path, reason: "cannot create folder \(dir.path): \(SystemErrorText.describe(error))")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try produce(tmp)
        } catch {
            try? fm.removeItem(at: tmp)
            // Foundation's own errors (disk full, permission) become words; ours say enough.
            let ns = error as NSError
            if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
                throw AtomicFileError(path: url.path, reason: SystemErrorText.wordsOnly(error))
            }
            throw error
        }
        // rename(2) replaces an existing file atomically on POSIX file systems.
        if rename(tmp.path, url.path) != 0 {
            let reason = SystemErrorText.lastError()
            try? fm.removeItem(at: tmp)
            throw AtomicFileError(path: url.path, reason: "cannot rename temporary file into place: \(reason)")
        }
    }

    /// Whether `name` is a temporary name made by ``AtomicFile``.
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".tmp-")
    }

    /// Removes every temporary file (``isTemporary(_:)``) under `folder`: what killed runs
    /// left behind. Call it only while holding the folder's ``RunLock``, so no running writer
    /// loses its file. Returns the removed paths.
    @discardableResult
    public static func removeTemporaries(under folder: URL) -> [String] {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var removed: [String] = []
        for case let url as URL in e where isTemporary(url.lastPathComponent) {
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(url.path) }
        }
        return removed
    }
}

/// An atomic write failed.
public struct AtomicFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
