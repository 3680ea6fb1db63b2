import ColumnStore

/// A (month, a-kasse) cell key; nil = `I alt`.
struct MA: Hashable, Sendable {
    var m: YearMonth?
    var a: String?

    func hash(into hasher: inout Hasher) {
        hasher.combine(m?.index ?? -1)
        CellKeyHash.combine(a, into: &hasher)
    }

    /// The key and its totals: (m, a), (m, I alt), (I alt, a), (I alt, I alt); a component that is
    /// already nil (`I alt`) stays nil.
    var rollup: [MA] {
        var out: [MA] = []
        out.reserveCapacity(4)
        for mm in m == nil ? [nil] : [m, nil] { for aa in a == nil ? [nil] : [a, nil] { out.append(MA(m: mm, a: aa)) } }
        return out
    }
}

/// A (month, a-kasse, category) cell key; nil = `I alt`.
struct MAC<C: Hashable & Sendable>: Hashable, Sendable {
    var m: YearMonth?
    var a: String?
    var c: C?

    func hash(into hasher: inout Hasher) {
        hasher.combine(m?.index ?? -1)
        CellKeyHash.combine(a, into: &hasher)
        hasher.combine(c)
    }

    /// The key with every combination of totals; a component that is already nil stays nil.
    var rollup: [MAC] {
        var out: [MAC] = []
        out.reserveCapacity(8)
        for mm in m == nil ? [nil] : [m, nil] { for aa in a == nil ? [nil] : [a, nil] {
            out.append(MAC(m: mm, a: aa, c: c))
            if c != nil { out.append(MAC(m: mm, a: aa, c: nil)) }
        } }
        return out
    }
}

/// A (kommune, a-kasse, category) cell key of the Bilag tables; nil = `I alt`.
struct KAC<C: Hashable & Sendable>: Hashable, Sendable {
    var k: String?
    var a: String?
    var c: C?

    func hash(into hasher: inout Hasher) {
        CellKeyHash.combine(k, into: &hasher)
        CellKeyHash.combine(a, into: &hasher)
        hasher.combine(c)
    }

    /// The key with every combination of totals; a component that is already nil stays nil.
    var rollup: [KAC] {
        var out: [KAC] = []
        out.reserveCapacity(8)
        for kk in k == nil ? [nil] : [k, nil] { for aa in a == nil ? [nil] : [a, nil] {
            out.append(KAC(k: kk, a: aa, c: c))
            if c != nil { out.append(KAC(k: kk, a: aa, c: nil)) }
        } }
        return out
    }
}

/// Hashing of the codes in cell keys (a-kasse and kommune codes: a few ASCII digits) as one
/// integer instead of through `String`'s hash, which hashes the string's normalised form. Equal
/// strings hash alike: an ASCII string is equal only to the same bytes; any other string is
/// hashed as `String` hashes it.
enum CellKeyHash {
    @inline(__always) static func combine(_ s: String?, into hasher: inout Hasher) {
        guard let s else { hasher.combine(UInt64.max); return }
        var packed: UInt64 = 0, n = 0
        for b in s.utf8 {
            guard b < 0x80, n < 7 else { hasher.combine(s); return }
            packed = packed << 8 | UInt64(b)
            n += 1
        }
        // The length in the top byte keeps "0" apart from "\0" and "00".
        hasher.combine(packed | UInt64(n) << 56 | 1 << 63)
    }
}
