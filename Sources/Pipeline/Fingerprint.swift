import ColumnStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A 128-bit content fingerprint, written as 32 hex digits.
///
/// Built from two FNV-1a 64 lanes with different offsets, each finished with a SplitMix64
/// avalanche. Stable across runs, machines and Swift versions (unlike `Hasher`); meant to
/// detect changes, not to resist an attacker.
public struct Fingerprint: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public var description: String { hex }

    public init(from decoder: Decoder) throws {
        hex = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }

    /// Incremental builder. Every `combine` is length- or type-prefixed, so `("ab","c")` and
    /// `("a","bc")` differ.
    public struct Builder: Sendable {
        private var a: UInt64 = 0xcbf2_9ce4_8422_2325
        private var b: UInt64 = 0x6c62_272e_07bb_0142
        private static let prime: UInt64 = 0x0000_0100_0000_01b3

        public init() {}

        @inline(__always)
        private mutating func byte(_ x: UInt8) {
            a = (a ^ UInt64(x)) &* Self.prime
            b = (b ^ UInt64(x ^ 0x5c)) &* Self.prime
        }

        public mutating func combine<C: Collection>(bytes: C) where C.Element == UInt8 {
            combine(bytes.count)
            // Contiguous bytes (arrays, file samples read as Data) are hashed from
            // memory directly; the generic iterator costs far more than the hash.
            let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                for x in buffer { byte(x) }
            }
            if done == nil {
                for x in bytes { byte(x) }
            }
        }

        /// Adds `bytes` without a length prefix, for content fed in chunks (the caller
        /// combines the total length first).
        public mutating func combineRaw(_ bytes: Data) {
            bytes.withUnsafeBytes { buffer in
                for x in buffer { byte(x) }
            }
        }

        public mutating func combine(_ s: String) { combine(bytes: Array(s.utf8)) }

        public mutating func combine(_ v: Int) {
            var u = UInt64(bitPattern: Int64(v))
            for _ in 0..<8 { byte(UInt8(truncatingIfNeeded: u)); u >>= 8 }
        }

        public mutating func combine(_ f: Fingerprint) { combine(f.hex) }

        public func finalize() -> Fingerprint {
            let hi = Self.mix(a), lo = Self.mix(b ^ 0x9e37_79b9_7f4a_7c15)
            return Fingerprint(hex: Self.hex16(hi) + Self.hex16(lo))
        }

        /// SplitMix64's finaliser (also ``ContentHash``'s).
        static func mix(_ x0: UInt64) -> UInt64 {
            var x = x0
            x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
            x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
            return x ^ (x >> 31)
        }

        /// 16 lowercase hex digits (also ``ContentHash``'s).
        static func hex16(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
    }

    /// The fingerprint of `text`.
    public static func of(_ text: String) -> Fingerprint {
        var b = Builder()
        b.combine(text)
        return b.finalize()
    }

    /// The fingerprint that decides whether a stage is up to date: its name, code version,
    /// parameters (sorted by key), the reporting month, the fingerprints of its upstream
    /// stages (by name), its own input fingerprint (delivery files) and the reference data
    /// (``StageRegistry/referenceData``). It is also the
    /// stage's output fingerprint, so a change anywhere upstream makes every later stage stale.
    public static func stage(
        name: String,
        codeVersion: String,
        parameters: [String: String],
        month: YearMonth,
        upstream: [String: Fingerprint],
        input: Fingerprint?,
        reference: Fingerprint? = nil
    ) -> Fingerprint {
        var b = Builder()
        b.combine("ydelse-stage-v1")
        if let reference { b.combine("reference"); b.combine(reference) }
        b.combine(name)
        b.combine(codeVersion)
        b.combine(parameters.count)
        for k in parameters.keys.sorted() { b.combine(k); b.combine(parameters[k]!) }
        b.combine(month.description)
        b.combine(upstream.count)
        for k in upstream.keys.sorted() { b.combine(k); b.combine(upstream[k]!) }
        if let input { b.combine(1); b.combine(input) } else { b.combine(0) }
        return b.finalize()
    }

    /// A fast fingerprint of delivery files, for extract stages: per file (sorted by name) its
    /// name, size, modification time, and the first and last `sampleBytes` bytes of content.
    /// A corrected delivery changes at least its modification time, so it is noticed without
    /// reading whole gigabytes.
    public static func files(_ urls: [URL], sampleBytes: Int = 64 * 1024) throws -> Fingerprint {
        var b = Builder()
        // v2: the samples go through ``ContentHash`` (v1 fed them to the builder byte by byte:
        // 280 MB of samples at 1,000,000 persons, half a CPU-second of every run) and the
        // modification time is stat's, in nanoseconds.
        b.combine("files-v2")
        b.combine(urls.count)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(sampleBytes, 1), alignment: 64)
        defer { buffer.deallocate() }
        for url in urls.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let fd = open(url.path, O_RDONLY)
            guard fd >= 0 else {
                throw FingerprintError(path: url.path, reason: "cannot open file: \(SystemErrorText.lastError())")
            }
            defer { close(fd) }
            guard let info = FileStatus(fd: fd) else {
                throw FingerprintError(path: url.path, reason: "cannot read file attributes: \(SystemErrorText.lastError())")
            }
            let size = info.size
            b.combine(url.lastPathComponent)
            b.combine(size)
            b.combine(info.modified.totalNanoseconds)
            // The first and the last `sampleBytes` bytes (they overlap in a small file).
            for offset in size > sampleBytes ? [0, max(sampleBytes, size - sampleBytes)] : [0] {
                var got = 0
                while got < min(sampleBytes, size - offset) {
                    let n = pread(fd, buffer.baseAddress! + got, min(sampleBytes, size - offset) - got, off_t(offset + got))
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else {
                        throw FingerprintError(path: url.path, reason: n < 0 ? "cannot read file: \(SystemErrorText.lastError())"
                                                                          : "the file changed while it was read")
                    }
                    got += n
                }
                var h = ContentHash()
                h.update(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
                b.combine(got)
                b.combine(h.finalize())
            }
        }
        return b.finalize()
    }
}

/// A file could not be fingerprinted.
public struct FingerprintError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot fingerprint \(path): \(reason)" }
}
