import CZstd

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
