/// A validity bitmap: bit i is 1 when row i holds a value, 0 when it is null.
///
/// The layout is Arrow's (least significant bit first), so a checkpoint
/// writer can copy the bytes as they are.
public struct Validity: Sendable, Equatable {
    public private(set) var bytes: [UInt8]
    public private(set) var count: Int

    public init() { bytes = []; count = 0 }

    /// `count` rows, all valid.
    public init(allValid count: Int) {
        self.count = count
        bytes = [UInt8](repeating: 0xFF, count: (count + 7) / 8)
    }

    public init(bytes: [UInt8], count: Int) {
        precondition(bytes.count * 8 >= count, "validity bitmap too short")
        self.bytes = bytes
        self.count = count
    }

    public init<S: Sequence>(_ flags: S) where S.Element == Bool {
        self.init()
        for f in flags { append(f) }
    }

    @inlinable public subscript(i: Int) -> Bool {
        bytes[i >> 3] & (1 << UInt8(i & 7)) != 0
    }

    public mutating func append(_ valid: Bool) {
        if count & 7 == 0 { bytes.append(0) }
        if valid { bytes[count >> 3] |= 1 << UInt8(count & 7) }
        count += 1
    }

    public mutating func reserveCapacity(_ n: Int) { bytes.reserveCapacity((n + 7) / 8) }

    /// The bits at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Validity {
        var out = [UInt8](repeating: 0, count: (indices.count + 7) / 8)
        bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (j, i) in indices.enumerated() where src[i >> 3] & (1 << UInt8(i & 7)) != 0 {
                    dst[j >> 3] |= 1 << UInt8(j & 7)
                }
            }
        }
        return Validity(bytes: out, count: indices.count)
    }

    /// Number of null rows.
    public var nullCount: Int {
        var valid = 0
        for i in 0..<count where self[i] { valid += 1 }
        return count - valid
    }
}
