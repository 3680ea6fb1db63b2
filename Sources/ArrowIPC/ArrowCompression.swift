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

    /// What checkpoints (and the delivery cache's entries) use unless told otherwise: zstd level 1.
    /// Level 2 was chosen on a 174 MB sample of 100,000 persons (`zstd -b`: level 1 6.2 x, level 2
    /// 8.8 x at the same speed); on the checkpoints of a 1,000,000-person cold run (session 19,
    /// libzstd 1.5.4, our batches) level 1 compresses 15-25 % faster at the same size: extract
    /// `samtale` 5.0 -> 3.8 CPU-s and 575 -> 558 MB, `ky` 2.7 -> 2.4 s at 342 MB, `normalise`
    /// 11.4 -> 9.8 s and 756 -> 774 MB; the whole run folder within 10 MB.
    public static let checkpointDefault = ArrowCompression.zstd(level: 1)

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
