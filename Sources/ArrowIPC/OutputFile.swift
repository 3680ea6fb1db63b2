import CFileSync
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, write-only file that is created under a temporary name next
/// to its destination and renamed onto it by ``commit()``. Until then the
/// destination is untouched; ``abandon()`` (or dropping the object) removes
/// the temporary file. Large writes bypass the buffer.
///
/// A file that will be synced (`writeBehind`) has the disk start writing it every
/// ``writeBehindBytes`` as it grows (`sync_file_range`, without waiting), so the `fsync` of
/// ``commit(sync:)`` waits for the last few megabytes instead of the whole file: at 1,000,000
/// persons a nightly run's fsyncs added up to 2.2 s, the largest 0.5 s (the extract checkpoints
/// of samtale and ky, on the run's critical path), and 0.8 s with write-behind (NOTES.md,
/// session 17).
final class OutputFile {
    /// Bytes written to the file between two write-behind requests.
    static let writeBehindBytes = 16 << 20
    let path: String
    let temporaryPath: String
    private var fd: Int32
    private var buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0
    /// Bytes written so far (buffered or not): the file offset of the next byte.
    private(set) var position = 0
    private let writeBehind: Bool
    /// Bytes handed to the kernel, and how many of them the disk was asked to write.
    private var written = 0, writeBehindRequested = 0

    init(path: String, bufferSize: Int = 4 << 20, writeBehind: Bool = false) throws {
        self.path = path
        self.writeBehind = writeBehind
        self.temporaryPath = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        self.capacity = bufferSize
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw ArrowError(file: path, "cannot create temporary file \(temporaryPath): \(OutputFile.errnoText())")
        }
        buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 64)
    }

    deinit {
        buffer.deallocate()
        abandon()
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    private func writeFully(_ p: UnsafeRawPointer, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = systemWrite(fd, p + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ArrowError(file: path, "write to \(temporaryPath) failed at byte \(position): \(OutputFile.errnoText())")
            }
            done += n
        }
        written += count
        if writeBehind, written - writeBehindRequested >= Self.writeBehindBytes {
            // Advisory: an error here shows again, and is reported, at the fsync.
            _ = ydelse_start_writeback(fd, Int64(writeBehindRequested), Int64(written - writeBehindRequested))
            writeBehindRequested = written
        }
    }

    func flush() throws {
        if used > 0 {
            try writeFully(buffer, used)
            used = 0
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        if bytes.count >= capacity / 2 {
            try flush()
            try writeFully(bytes.baseAddress!, bytes.count)
        } else {
            if used + bytes.count > capacity { try flush() }
            (buffer + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            used += bytes.count
        }
        position += bytes.count
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write<T: FixedWidthInteger>(_ value: T) throws {
        var v = value.littleEndian
        try withUnsafeBytes(of: &v) { try write($0) }
    }

    func writeZeros(_ count: Int) throws {
        guard count > 0 else { return }
        if used + count > capacity { try flush() }
        precondition(count <= capacity, "padding larger than the write buffer")
        (buffer + used).initializeMemory(as: UInt8.self, repeating: 0, count: count)
        used += count
        position += count
    }

    /// Flushes, syncs (unless `sync` is false) and renames the temporary file onto `path`.
    func commit(sync: Bool = true) throws {
        try flush()
        guard !sync || fsync(fd) == 0 else {
            throw ArrowError(file: path, "fsync of \(temporaryPath) failed: \(OutputFile.errnoText())")
        }
        let rc = close(fd)
        fd = -1
        guard rc == 0 else { throw ArrowError(file: path, "close of \(temporaryPath) failed: \(OutputFile.errnoText())") }
        guard rename(temporaryPath, path) == 0 else {
            let text = OutputFile.errnoText()
            unlink(temporaryPath)
            throw ArrowError(file: path, "cannot rename \(temporaryPath) onto it: \(text)")
        }
    }

    /// Closes and removes the temporary file (no-op after ``commit()``).
    func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporaryPath)
    }
}

#if canImport(Glibc)
@inline(__always) private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.write(fd, p, n) }
#else
@inline(__always) private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.write(fd, p, n) }
#endif
