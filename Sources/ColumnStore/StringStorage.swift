/// Variable-length UTF-8 strings in Arrow layout: `offsets` has count + 1
/// entries and string i is `bytes[offsets[i]..<offsets[i+1]]`.
public struct StringStorage: Sendable, Equatable {
    public var offsets: [Int32]
    public var bytes: [UInt8]

    public init() { offsets = [0]; bytes = [] }
    public init(offsets: [Int32], bytes: [UInt8]) {
        precondition(!offsets.isEmpty, "offsets must have count + 1 entries")
        self.offsets = offsets
        self.bytes = bytes
    }
    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { append(s) }
    }

    public var count: Int { offsets.count - 1 }

    public subscript(i: Int) -> String {
        String(decoding: bytes[Int(offsets[i])..<Int(offsets[i + 1])], as: UTF8.self)
    }

    public mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        offsets.append(Int32(bytes.count))
    }

    /// Appends the bytes of `b` as one string. Inlinable, so that a caller in another module
    /// gets a version for its collection type instead of a generic call per row.
    @inlinable
    public mutating func append<C: Collection>(utf8 b: C) where C.Element == UInt8 {
        bytes.append(contentsOf: b)
        offsets.append(Int32(bytes.count))
    }

    public func gather(_ idx: [Int]) -> StringStorage {
        var total = 0
        for i in idx { total += Int(offsets[i + 1] - offsets[i]) }
        var newOffsets = [Int32]()
        newOffsets.reserveCapacity(idx.count + 1)
        newOffsets.append(0)
        var newBytes = [UInt8]()
        newBytes.reserveCapacity(total)
        bytes.withUnsafeBufferPointer { b in
            for i in idx {
                let s = Int(offsets[i]), e = Int(offsets[i + 1])
                newBytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
                newOffsets.append(Int32(newBytes.count))
            }
        }
        return StringStorage(offsets: newOffsets, bytes: newBytes)
    }
}
