import ReferenceData

/// Finds a code's index in a fixed dictionary, from bytes.
///
/// The dictionary (``values``) is fixed per field kind — the declared code
/// list, the kommune codes in code order, or `01`...`30` — so every delivery of
/// a source shares it and tables concatenate without remapping.
///
/// Immutable after `init`; shared by parsing threads.
final class CodeLookup: @unchecked Sendable {
    /// The dictionary: index i stands for `values[i]`.
    let values: [String]
    /// The lookup tables, as plain pointers the parse loop can copy freely.
    let table: CodeTable

    init(values: [String]) {
        self.values = values
        table = CodeTable(values: values)
    }

    deinit { table.deallocate() }

    /// The 98 kommune codes of the reference table, in code order.
    static let kommune = CodeLookup(values: Kommune.all.map(\.code).sorted())

    /// The a-kasse codes `01`...`30`.
    static let akasse = CodeLookup(values: (1...30).map { $0 < 10 ? "0\($0)" : "\($0)" })

    /// The index of the code in `p[0..<n]`, or -1 when it is not in the dictionary.
    func index(_ p: UnsafeRawPointer, _ n: Int) -> Int32 { table.index(p, n) }
}

/// The lookup tables of a ``CodeLookup``, owned by it.
///
/// Codes of 1 to 3 digits (kommune, a-kasse, fravær, FLEUR ydelsestype) are
/// found with one table load; other codes (at most 7 bytes) are packed into
/// a 64-bit key and found in a small hash table sized so that the declared
/// codes do not collide: one multiply, one load and one compare.
struct CodeTable {
    /// For all-digit codes: dictionary index by ``digitSlot(_:_:)``, -1 when unknown.
    private let digitTable: UnsafeMutablePointer<Int32>?
    /// For other codes: the packed key in each hash slot (``emptyKey`` when free)
    /// and its dictionary index.
    private let keys: UnsafeMutablePointer<UInt64>?
    private let indices: UnsafeMutablePointer<Int32>?
    /// The hash is the top `hashBits` bits of key × ``multiplier``.
    private let hashBits: UInt64

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// No packed key has a length byte of 0xFF.
    private static let emptyKey = UInt64.max

    fileprivate init(values: [String]) {
        let allDigits = values.allSatisfy { v in (1...3).contains(v.utf8.count) && v.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if allDigits {
            let table = UnsafeMutablePointer<Int32>.allocate(capacity: 1110)
            table.initialize(repeating: -1, count: 1110)
            for (i, v) in values.enumerated() {
                let bytes = Array(v.utf8)
                table[bytes.withUnsafeBytes { Self.digitSlot($0.baseAddress!, bytes.count)! }] = Int32(i)
            }
            digitTable = table
            keys = nil
            indices = nil
            hashBits = 1
        } else {
            let packed = values.map { v in
                let bytes = Array(v.utf8)
                precondition(bytes.count <= 7, "code \(v) is longer than 7 bytes")
                return bytes.withUnsafeBytes { Self.pack($0.baseAddress!, bytes.count)! }
            }
            // The smallest table (at least twice the codes) in which no two codes share a slot.
            var bits: UInt64 = 1
            while (1 << bits) < 2 * max(values.count, 1) { bits += 1 }
            while Set(packed.map { Self.slot($0, bits) }).count < packed.count { bits += 1 }
            let size = 1 << Int(bits)
            let keyTable = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
            keyTable.initialize(repeating: Self.emptyKey, count: size)
            let indexTable = UnsafeMutablePointer<Int32>.allocate(capacity: size)
            indexTable.initialize(repeating: -1, count: size)
            for (i, key) in packed.enumerated() {
                keyTable[Self.slot(key, bits)] = key
                indexTable[Self.slot(key, bits)] = Int32(i)
            }
            digitTable = nil
            keys = keyTable
            indices = indexTable
            hashBits = bits
        }
    }

    fileprivate func deallocate() {
        digitTable?.deallocate()
        keys?.deallocate()
        indices?.deallocate()
    }

    /// The index of the code in `p[0..<n]`, or -1 when it is not in the dictionary.
    @inline(__always)
    func index(_ p: UnsafeRawPointer, _ n: Int) -> Int32 {
        if let digitTable {
            guard let slot = Self.digitSlot(p, n) else { return -1 }
            return digitTable[slot]
        }
        guard let keys, let indices, let key = Self.pack(p, n) else { return -1 }
        let slot = Self.slot(key, hashBits)
        return keys[slot] == key ? indices[slot] : -1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ bits: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* multiplier) &>> (64 &- bits))
    }

    /// 1-3 digits to a dense slot: `7` → 7, `07` → 17, `101` → 211.
    @inline(__always)
    private static func digitSlot(_ p: UnsafeRawPointer, _ n: Int) -> Int? {
        guard n >= 1, n <= 3, let v = ByteParsers.digits(p, 0, n) else { return nil }
        switch n {
        case 1: return v
        case 2: return 10 + v
        default: return 110 + v
        }
    }

    /// Up to 7 bytes and the length in one word.
    @inline(__always)
    private static func pack(_ p: UnsafeRawPointer, _ n: Int) -> UInt64? {
        guard n <= 7 else { return nil }
        var key = UInt64(n) &<< 56
        for i in 0..<n { key |= UInt64(ByteParsers.byte(p, i)) &<< (8 &* UInt64(i)) }
        return key
    }
}
