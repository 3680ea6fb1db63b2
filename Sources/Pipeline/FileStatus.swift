import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `fstat`/`stat` says of a file, with the platforms' time fields under one name: the
/// identity and times that tell whether a file was written since it was last looked at
/// (delivery fingerprints, delivery cache keys, memoised run.json files).
public struct FileStatus: Equatable, Sendable {
    /// A time as the file system keeps it.
    public struct Timestamp: Equatable, Sendable {
        public var seconds: Int
        public var nanoseconds: Int
        /// Nanoseconds since 1970.
        public var totalNanoseconds: Int { seconds &* 1_000_000_000 &+ nanoseconds }
    }

    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var modified: Timestamp
    /// The inode change time: set by the kernel on every write, not by `touch -d`.
    public var changed: Timestamp

    /// The status of open file `fd`; nil when `fstat` fails (`errno` says why).
    public init?(fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(st)
    }

    /// The status of the file at `path`; nil when `stat` fails (`errno` says why).
    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    private init(_ st: stat) {
        #if canImport(Glibc)
        let (mtime, ctime) = (st.st_mtim, st.st_ctim)
        #else
        let (mtime, ctime) = (st.st_mtimespec, st.st_ctimespec)
        #endif
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        modified = Timestamp(seconds: Int(mtime.tv_sec), nanoseconds: Int(mtime.tv_nsec))
        changed = Timestamp(seconds: Int(ctime.tv_sec), nanoseconds: Int(ctime.tv_nsec))
    }
}
