import Foundation

/// A 128-bit hash of a byte stream, fed in chunks of any size: the content hash of
/// ``FileRecord`` (every delivery file of a run, about 2 GB at 1,000,000 persons).
///
/// Four independent 64-bit lanes take 32 bytes per step (the round of XXH64), so the hash runs
/// at memory speed instead of a byte at a time; the lanes, the length and the last bytes are
/// mixed into two 64-bit halves. Stable across runs, machines and Swift versions; meant to detect
/// changes, not to resist an attacker.
public struct ContentHash: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9

    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B,
                                                          0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1)
    /// Bytes not yet a whole 32-byte step.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    @inline(__always) private static func round(_ acc: UInt64, _ word: UInt64) -> UInt64 {
        let x = acc &+ word &* p2
        return ((x << 31) | (x >> 33)) &* p1
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var at = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            at = take
            if pending.count < 32 { return }
            pending.withUnsafeBytes { step($0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        guard let base = bytes.baseAddress else { return }
        var (a, b, c, d) = lanes
        while at + 32 <= bytes.count {
            let p = base + at
            a = Self.round(a, p.loadUnaligned(as: UInt64.self))
            b = Self.round(b, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            c = Self.round(c, p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            d = Self.round(d, p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            at += 32
        }
        lanes = (a, b, c, d)
        if at < bytes.count { pending.append(contentsOf: bytes[at...]) }
    }

    /// Adds `data`.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    private mutating func step(_ p: UnsafeRawPointer) {
        lanes = (Self.round(lanes.0, p.loadUnaligned(as: UInt64.self)),
                 Self.round(lanes.1, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                 Self.round(lanes.2, p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                 Self.round(lanes.3, p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    /// The hash of everything added.
    public func finalize() -> Fingerprint {
        var h = Self.mix(lanes.0 ^ Self.mix(lanes.1 &+ Self.p3)) ^ length
        var g = Self.mix(lanes.2 ^ Self.mix(lanes.3 &+ Self.p1)) ^ (length &* Self.p2)
        for (i, byte) in pending.enumerated() {
            h = Self.mix(h ^ (UInt64(byte) << UInt64(8 * (i & 7))))
            g = (g ^ UInt64(byte)) &* Self.p3
        }
        h = Self.mix(h ^ Self.mix(g))
        g = Self.mix(g &+ h &+ Self.p2)
        return Fingerprint(hex: Self.hex16(h) + Self.hex16(g))
    }

    private static func mix(_ x: UInt64) -> UInt64 { Fingerprint.Builder.mix(x) }
    private static func hex16(_ v: UInt64) -> String { Fingerprint.Builder.hex16(v) }
}
