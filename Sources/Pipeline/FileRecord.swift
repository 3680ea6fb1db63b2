import Foundation

/// A file output as recorded in run.json: its size and content fingerprint.
public struct FileRecord: Codable, Sendable, Equatable {
    public var bytes: Int
    /// ``ContentHash`` of the file's whole content.
    public var hash: Fingerprint

    public init(bytes: Int, hash: Fingerprint) {
        self.bytes = bytes
        self.hash = hash
    }

    /// The record of `data`.
    public init(_ data: Data) {
        var h = ContentHash()
        h.update(data)
        self.init(bytes: data.count, hash: h.finalize())
    }

    /// Whether the file at `url` exists with this size and content.
    public func matches(fileAt url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url), data.count == bytes else { return false }
        return FileRecord(data) == self
    }

    /// The record of the file at `url`, read in blocks into one reused buffer (delivery files
    /// can be large). A file whose size changes while it is read is an error, not a record.
    public static func of(fileAt url: URL) throws -> FileRecord {
        let (fd, size) = try openForHashing(url)
        defer { close(fd) }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        let chunk = 4 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var hash = ContentHash()
        var total = 0
        while true {
            let n = read(fd, buffer.baseAddress, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw FingerprintError(path: url.path, reason: "read failed at byte \(total): \(SystemErrorText.lastError())")
            }
            if n == 0 { break }
            hash.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += n
        }
        guard total == size else {
            throw FingerprintError(path: url.path, reason: "the file changed while it was read (\(size) bytes, read \(total))")
        }
        return FileRecord(bytes: size, hash: hash.finalize())
    }

    /// The record of a file this program wrote (a checkpoint), hashed through a read-only memory
    /// mapping instead of being copied into the process: same value as ``of(fileAt:)``. Not for
    /// input files: a mapped file that is truncated meanwhile stops the process (SIGBUS), where
    /// ``of(fileAt:)`` reports it.
    public static func of(writtenFileAt url: URL) throws -> FileRecord {
        let (fd, size) = try openForHashing(url)
        defer { close(fd) }
        var hash = ContentHash()
        guard size > 0 else { return FileRecord(bytes: 0, hash: hash.finalize()) }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let base = mmap(nil, size, PROT_READ, flags, fd, 0), base != MAP_FAILED else {
            return try of(fileAt: url)
        }
        defer { munmap(base, size) }
        hash.update(UnsafeRawBufferPointer(start: base, count: size))
        return FileRecord(bytes: size, hash: hash.finalize())
    }

    /// The file opened for reading, and its size; the caller closes it.
    private static func openForHashing(_ url: URL) throws -> (fd: Int32, size: Int) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw FingerprintError(path: url.path, reason: "cannot open: \(SystemErrorText.lastError())") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = SystemErrorText.lastError()
            close(fd)
            throw FingerprintError(path: url.path, reason: reason)
        }
        return (fd, Int(info.st_size))
    }
}
