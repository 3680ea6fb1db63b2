import CIsal
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the inflated bytes of a gzip file with Intel ISA-L's `isal_inflate`
/// (2.5 x zlib's speed on deliveries), one fixed-size chunk at a time: the
/// compressed file is held whole (a delivery is a few MB), never the inflated
/// one. Each member's CRC-32 and length are checked.
///
/// - Several concatenated gzip members (a delivery that was appended to) are
///   read one after the other, to the end of the file.
/// - End of file before the last member's end throws ``IOError/truncated(path:offset:)``.
/// - Data that cannot be decoded throws ``IOError/zlib(path:offset:message:)``.
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
    /// Bytes read from the file per `read` call (the whole file is read before it is inflated).
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
        let file = try readWholeFile()
        defer { file.deallocate() }
        let size = file.count
        guard let base = file.baseAddress, size > 0 else { throw IOError.truncated(path: path, offset: 0) }
        // igzip takes at most 4 GiB of input per call; a delivery is a few MB.
        guard size <= Int(UInt32.max) else {
            throw IOError.zlib(path: path, offset: 0, message: "\(size) compressed bytes: files over 4 GiB are not read")
        }

        let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        defer { state.deallocate() }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: outputChunkSize)
        defer { output.deallocate() }

        var totals = Totals(compressedBytes: size, inflatedBytes: 0, members: 0)
        /// Offset of the member being read.
        var start = 0
        while start < size {
            try checkHeader(file, at: start)
            // A member: a gzip header, deflate data, a CRC-32 and length trailer (checked).
            isal_inflate_init(state)
            state.pointee.crc_flag = UInt32(ISAL_GZIP)
            state.pointee.next_in = (base + start).assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_in = UInt32(size - start)
            totals.members += 1
            while true {
                state.pointee.next_out = output
                state.pointee.avail_out = UInt32(outputChunkSize)
                let code = isal_inflate(state)
                let produced = outputChunkSize - Int(state.pointee.avail_out)
                if produced > 0 {
                    totals.inflatedBytes += produced
                    try body(UnsafeRawBufferPointer(start: output, count: produced))
                }
                if code < 0 {
                    throw IOError.zlib(path: path, offset: size - Int(state.pointee.avail_in), message: Self.message(code))
                }
                if state.pointee.block_state == ISAL_BLOCK_FINISH { break }
                // All input used and the output buffer not filled: the member has no end.
                if state.pointee.avail_in == 0 && state.pointee.avail_out != 0 {
                    throw IOError.truncated(path: path, offset: size)
                }
            }
            start = size - Int(state.pointee.avail_in)
        }
        return totals
    }

    /// The whole file, read `inputChunkSize` bytes per `read` call (a delivery is a few MB
    /// compressed; igzip decodes fastest from one buffer). The caller deallocates it.
    private func readWholeFile() throws -> UnsafeMutableRawBufferPointer {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IOError.cannotOpen(path: path) }
        defer { close(fd) }
        var st = stat()
        var capacity = fstat(fd, &st) == 0 ? max(Int(st.st_size), 1) : inputChunkSize
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        var used = 0
        while true {
            if used == capacity {
                // The file grew since fstat: make room.
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 16)
                larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let n = read(fd, buffer.baseAddress! + used, min(inputChunkSize, capacity - used))
            if n < 0 {
                buffer.deallocate()
                throw IOError.zlib(path: path, offset: used, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<used]) }
            used += n
        }
    }

    /// Checks the start of a member at `start`: the gzip magic bytes and the deflate method,
    /// so that a file that is not gzip is refused at the byte that is wrong. A file ending
    /// inside them is truncated.
    private func checkHeader(_ file: UnsafeMutableRawBufferPointer, at start: Int) throws {
        let expected: [UInt8] = [0x1F, 0x8B, 0x08]
        for (i, byte) in expected.enumerated() {
            guard start + i < file.count else { throw IOError.truncated(path: path, offset: file.count) }
            guard file[start + i] == byte else {
                throw IOError.zlib(path: path, offset: start + i,
                                   message: i < 2 ? "incorrect header check" : "unknown compression method")
            }
        }
    }

    /// What an igzip error code means, in zlib's words where zlib has them.
    static func message(_ code: Int32) -> String {
        switch code {
        case ISAL_INVALID_BLOCK: "invalid block type"
        case ISAL_INVALID_SYMBOL: "invalid code"
        case ISAL_INVALID_LOOKBACK: "invalid distance too far back"
        case ISAL_INVALID_WRAPPER: "incorrect header check"
        case ISAL_UNSUPPORTED_METHOD: "unknown compression method"
        case ISAL_INCORRECT_CHECKSUM: "incorrect data check"
        default: "igzip error \(code)"
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
