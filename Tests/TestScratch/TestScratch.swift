import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Temporary folders for tests, all inside one folder of the test process
/// (`$TMPDIR/ydelse-tests-<pid>`), which is removed when the process exits. Folders that test
/// processes no longer running left behind (killed, crashed) are removed when the next test
/// process makes its first folder. A full `make test` used to leave about a gigabyte in /tmp.
public enum TestScratch {
    /// A new empty folder, named after `tag` (which shows in failure messages).
    public static func folder(_ tag: String) throws -> URL {
        let url = root.appendingPathComponent("\(tag)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The prefix of every test process's folder.
    static let prefix = "ydelse-tests-"

    /// This process's folder, made (and the stale ones swept) on first use.
    static let root: URL = {
        let tmp = FileManager.default.temporaryDirectory
        sweep(tmp)
        let url = tmp.appendingPathComponent("\(prefix)\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        rootPath = url.path
        atexit { if let path = rootPath { try? FileManager.default.removeItem(atPath: path) } }
        return url
    }()

    /// `root`'s path for the exit handler (which cannot capture).
    nonisolated(unsafe) static var rootPath: String?

    /// Removes the folders of test processes that no longer run.
    static func sweep(_ tmp: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
    }
}
