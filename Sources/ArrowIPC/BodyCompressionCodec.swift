/// `enum CompressionType: byte { LZ4_FRAME, ZSTD }` of `format/Message.fbs`.
enum BodyCompressionCodec: Int8 {
    case lz4Frame = 0, zstd = 1

    var name: String { self == .zstd ? "ZSTD" : "LZ4_FRAME" }
}
