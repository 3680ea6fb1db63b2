import CZstd

/// How ``ArrowFileWriter`` compresses record batch bodies: Arrow IPC buffer
/// compression (`BodyCompression` of `format/Message.fbs`, method `BUFFER`).
///
/// Every non-empty buffer of a compressed batch is stored as its
/// uncompressed length (little-endian int64) followed by the compressed
/// bytes, or by the raw bytes with length -1 when compressing does not make it
/// smaller. Empty buffers stay empty. Our frames carry zstd's content
/// checksum, so a damaged buffer fails to decompress instead of yielding
/// wrong values. Arrow implementations that support IPC buffer compression
/// read such files as they are (pyarrow does: `PyArrowInteropTests`).
public enum ArrowCompression: Sendable, Equatable, CustomStringConvertible {
    /// Plain buffers (no `compression` field in the batch headers).
    case none
    /// Zstandard at `level` (1 = fastest of the regular levels, 3 = zstd's default).
    case zstd(level: Int32)

    /// What checkpoints use unless told otherwise: zstd level 2. On a 174 MB sample of
    /// our columns (ky, samtale, fleur at 100,000 persons; `zstd -b`) level 1 gives 6.2 x
    /// at 340-460 MB/s, level 2 8.8 x at 375-550 MB/s, level 3 9.1 x at 335-430 MB/s:
    /// level 2 shrinks the int64 pnr columns 3 x better than level 1 at the same speed.
    public static let checkpointDefault = ArrowCompression.zstd(level: 2)

    /// Parses `zstd`, `zstd:LEVEL` or `none` (command-line spelling).
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("none"?, 1): self = .none
        case ("zstd"?, 1): self = Self.checkpointDefault
        case ("zstd"?, 2):
            guard let level = Int32(parts[1]), level >= 1, level <= ZSTD_maxCLevel() else { return nil }
            self = .zstd(level: level)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .zstd(let level): "zstd:\(level)"
        }
    }
}

/// `enum CompressionType: byte { LZ4_FRAME, ZSTD }` of `format/Message.fbs`.
enum BodyCompressionCodec: Int8 {
    case lz4Frame = 0, zstd = 1

    var name: String { self == .zstd ? "ZSTD" : "LZ4_FRAME" }
}

/// The buffer-level compression and decompression of Arrow IPC bodies.
enum BodyCompressor {
    /// Length of the uncompressed-length prefix of every non-empty buffer.
    static let prefixLength = 8

    /// A compression context at `level` whose frames carry a content checksum;
    /// freed with `ZSTD_freeCCtx`.
    static func makeContext(level: Int32) -> OpaquePointer {
        guard let context = ZSTD_createCCtx() else { fatalError("ZSTD_createCCtx: out of memory") }
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        return context
    }

    /// `bytes` as a compressed body buffer: its length as int64, then the zstd
    /// frame, or -1 and the raw bytes when the frame would not be smaller.
    static func compress(_ bytes: UnsafeRawBufferPointer, context: OpaquePointer) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        return [UInt8](unsafeUninitializedCapacity: prefixLength + max(bound, bytes.count)) { out, n in
            let base = UnsafeMutableRawPointer(out.baseAddress!)
            let written = ZSTD_compress2(context, base + prefixLength, bound, bytes.baseAddress, bytes.count)
            if ZSTD_isError(written) == 0, written < bytes.count {
                base.storeBytes(of: Int64(bytes.count).littleEndian, as: Int64.self)
                n = prefixLength + written
            } else {
                base.storeBytes(of: Int64(-1).littleEndian, as: Int64.self)
                if bytes.count > 0 { (base + prefixLength).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
                n = prefixLength + bytes.count
            }
        }
    }

    /// The uncompressed length a compressed body buffer announces, or nil when
    /// its bytes follow uncompressed (prefix -1). Throws for a buffer too short
    /// for its prefix or a negative length other than -1.
    static func uncompressedLength(_ buffer: UnsafeRawBufferPointer, _ what: String) throws -> Int? {
        guard buffer.count >= prefixLength else {
            throw ArrowFormatError("\(what): compressed buffer of \(buffer.count) bytes is shorter than its 8-byte length prefix")
        }
        let length = Int64(littleEndian: buffer.loadUnaligned(as: Int64.self))
        if length == -1 { return nil }
        guard length >= 0, length <= Int64(Int32.max) * 8 else {
            throw ArrowFormatError("\(what): compressed buffer announces an uncompressed length of \(length) bytes")
        }
        return Int(length)
    }

    /// Decompresses the frame after the prefix of `buffer` into `destination`,
    /// which must be exactly the announced length; throws when zstd fails or
    /// produces another length.
    static func decompress(_ buffer: UnsafeRawBufferPointer, codec: BodyCompressionCodec,
                           into destination: UnsafeMutableRawBufferPointer, _ what: String) throws {
        guard codec == .zstd else {
            throw ArrowFormatError("\(what): \(codec.name) compressed buffers are not supported (only ZSTD)")
        }
        let frame = UnsafeRawBufferPointer(rebasing: buffer[prefixLength...])
        let n = ZSTD_decompress(destination.baseAddress, destination.count, frame.baseAddress, frame.count)
        if ZSTD_isError(n) != 0 {
            throw ArrowFormatError("\(what): zstd cannot decompress the buffer: \(String(cString: ZSTD_getErrorName(n)))")
        }
        guard n == destination.count else {
            throw ArrowFormatError("\(what): zstd buffer decompressed to \(n) bytes, its prefix announced \(destination.count)")
        }
    }
}
