import CZlib
import Foundation

/// Streams bytes into a gzip file with zlib's `deflate`.
///
/// Output is written to `<path>.tmp` and renamed onto `path` by ``finish()``,
/// so a crash never leaves a half-written delivery under its real name.
/// Same input, same bytes: the gzip header carries no timestamp or file name.
public final class GzipWriter {
    private var stream = z_stream()
    private let handle: FileHandle
    private let path: String
    private let tmpPath: String
    private var input: [UInt8] = []
    private var output: [UInt8]
    private let chunk: Int
    private var finished = false

    /// Opens `path` for writing at compression `level` (zlib's 0-9).
    public init(path: String, level: Int32 = 6, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.tmpPath = path + ".tmp"
        self.chunk = chunkSize
        self.output = [UInt8](repeating: 0, count: chunkSize)
        FileManager.default.createFile(atPath: tmpPath, contents: nil)
        guard let h = FileHandle(forWritingAtPath: tmpPath) else {
            throw IOError.cannotOpen(path: tmpPath)
        }
        handle = h
        // windowBits 15 + 16: gzip wrapper with a zeroed header.
        let rc = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                               ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw IOError.zlib(path: path, offset: 0, message: "deflateInit2 failed (\(rc))") }
        input.reserveCapacity(chunkSize)
    }

    deinit {
        if !finished {
            deflateEnd(&stream)
            try? handle.close()
            try? FileManager.default.removeItem(atPath: tmpPath)
        }
    }

    /// Appends text (UTF-8).
    public func write(_ text: String) throws {
        var t = text
        try t.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends one line and a LF.
    public func writeLine(_ text: String) throws {
        try write(text)
        input.append(UInt8(ascii: "\n"))
        if input.count >= chunk { try flushInput(final: false) }
    }

    /// Appends raw bytes.
    public func write(bytes: UnsafeRawBufferPointer) throws {
        input.append(contentsOf: bytes)
        if input.count >= chunk { try flushInput(final: false) }
    }

    /// Finishes the gzip member, closes the file and renames it into place.
    public func finish() throws {
        try flushInput(final: true)
        deflateEnd(&stream)
        try handle.close()
        finished = true
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: tmpPath, toPath: path)
    }

    private func flushInput(final: Bool) throws {
        let flush = final ? Z_FINISH : Z_NO_FLUSH
        try input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = UInt32(inBuf.count)
            repeat {
                let produced: Int = try output.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    let rc = deflate(&stream, flush)
                    guard rc != Z_STREAM_ERROR else { throw IOError.zlib(path: path, offset: 0, message: "deflate failed") }
                    return outBuf.count - Int(stream.avail_out)
                }
                if produced > 0 { handle.write(Data(output[0..<produced])) }
            } while stream.avail_out == 0
        }
        input.removeAll(keepingCapacity: true)
    }
}

/// Errors of the IO layer; each names the file and, where it helps, the byte offset.
public enum IOError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String)
    case zlib(path: String, offset: Int, message: String)
    case truncated(path: String, offset: Int)

    public var description: String {
        switch self {
        case .cannotOpen(let p): "cannot open \(p)"
        case .zlib(let p, let o, let m): "\(p): corrupt gzip stream at byte \(o): \(m)"
        case .truncated(let p, let o): "\(p): truncated gzip stream at byte \(o)"
        }
    }
}
