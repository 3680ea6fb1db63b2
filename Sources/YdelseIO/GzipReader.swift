import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the inflated bytes of a gzip file with zlib's `inflate`, one
/// fixed-size chunk at a time, without ever holding the whole file.
///
/// - Several concatenated gzip members (a delivery that was appended to) are
///   read one after the other, to the end of the file.
/// - End of file before the last member's end throws ``IOError/truncated(path:offset:)``.
/// - Data zlib cannot decode throws ``IOError/zlib(path:offset:message:)``.
///
/// Offsets in errors are compressed byte offsets into the file.
public struct GzipReader: Sendable {
    /// What one pass over a file read and produced.
    public struct Totals: Sendable, Equatable {
        /// Bytes read from the file (compressed).
        public var compressedBytes: Int
        /// Bytes produced by inflating them.
        public var inflatedBytes: Int
        /// Number of gzip members in the file.
        public var members: Int

        public init(compressedBytes: Int, inflatedBytes: Int, members: Int) {
            self.compressedBytes = compressedBytes
            self.inflatedBytes = inflatedBytes
            self.members = members
        }
    }

    public let path: String
    /// Bytes read from the file per `read` call.
    public let inputChunkSize: Int
    /// Largest chunk handed to the callback.
    public let outputChunkSize: Int

    /// A reader of `path`. The defaults (1 MiB in, 256 KiB out) keep the
    /// inflated chunk in cache while it is parsed; tests use tiny sizes to
    /// exercise every boundary.
    public init(path: String, inputChunkSize: Int = 1 << 20, outputChunkSize: Int = 256 << 10) {
        precondition(inputChunkSize > 0 && outputChunkSize > 0, "chunk sizes must be positive")
        self.path = path
        self.inputChunkSize = inputChunkSize
        self.outputChunkSize = outputChunkSize
    }

    /// Calls `body` with each chunk of inflated bytes, in order. The buffer is
    /// only valid during the call. Errors thrown by `body` stop the read and
    /// are rethrown as they are.
    @discardableResult
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Totals {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IOError.cannotOpen(path: path) }
        defer { close(fd) }

        var stream = z_stream()
        // windowBits 15 + 32: accept a gzip (or zlib) header, detected automatically.
        let initCode = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initCode == Z_OK else {
            throw IOError.zlib(path: path, offset: 0, message: "inflateInit2 failed (\(initCode))")
        }
        defer { inflateEnd(&stream) }

        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inputChunkSize)
        defer { input.deallocate() }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: outputChunkSize)
        defer { output.deallocate() }

        var totals = Totals(compressedBytes: 0, inflatedBytes: 0, members: 0)
        /// File offset of `input[0]`.
        var chunkOffset = 0
        /// True between a member's end and the start of the next one.
        var atMemberEnd = false
        var sawAnyInput = false

        while true {
            let n = read(fd, input, inputChunkSize)
            if n < 0 {
                throw IOError.zlib(path: path, offset: totals.compressedBytes,
                                   message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                // End of file: fine only right after a member's end.
                if atMemberEnd { return totals }
                throw IOError.truncated(path: path, offset: totals.compressedBytes)
            }
            chunkOffset = totals.compressedBytes
            totals.compressedBytes += n
            if atMemberEnd || !sawAnyInput {
                if atMemberEnd { inflateReset(&stream) }
                atMemberEnd = false
                totals.members += 1
                sawAnyInput = true
            }
            stream.next_in = input
            stream.avail_in = UInt32(n)

            // Inflate this input chunk completely (possibly across member boundaries).
            while true {
                stream.next_out = output
                stream.avail_out = UInt32(outputChunkSize)
                let code = inflate(&stream, Z_NO_FLUSH)
                let produced = outputChunkSize - Int(stream.avail_out)
                if produced > 0 {
                    totals.inflatedBytes += produced
                    try body(UnsafeRawBufferPointer(start: output, count: produced))
                }
                switch code {
                case Z_OK:
                    break
                case Z_STREAM_END:
                    if stream.avail_in > 0 {
                        // Another member follows in this chunk.
                        inflateReset(&stream)
                        totals.members += 1
                    } else {
                        atMemberEnd = true
                    }
                case Z_BUF_ERROR:
                    // No progress possible: all input consumed, output flushed. Read more.
                    break
                default:
                    let consumed = n - Int(stream.avail_in)
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(code)"
                    throw IOError.zlib(path: path, offset: chunkOffset + consumed, message: message)
                }
                // Keep going while zlib has input left or filled the whole output buffer
                // (then it may hold more output for the same input).
                if atMemberEnd { break }
                if stream.avail_in == 0 && stream.avail_out != 0 { break }
                if code == Z_BUF_ERROR { break }
            }
        }
    }

    /// Inflates `path` and discards the bytes; returns the number of inflated
    /// bytes. The benchmark's reference pass for extract throughput.
    public func inflateOnly() throws -> Int {
        try forEachChunk { _ in }.inflatedBytes
    }
}

/// Inflates the gzip file at `path` and returns the number of inflated bytes,
/// doing nothing with them: the reference pass the extract benchmark compares to.
public func inflateOnly(path: String) throws -> Int {
    try GzipReader(path: path).inflateOnly()
}
