import ColumnStore

/// A (month, a-kasse) cell key; nil = `I alt`.
struct MA: Hashable, Sendable {
    var m: YearMonth?
    var a: String?

    /// The key and its totals: (m, a), (m, I alt), (I alt, a), (I alt, I alt).
    static func rollup(_ m: YearMonth, _ a: String) -> [MA] {
        [MA(m: m, a: a), MA(m: m, a: nil), MA(m: nil, a: a), MA(m: nil, a: nil)]
    }
}

/// A (month, a-kasse, category) cell key; nil = `I alt`.
struct MAC<C: Hashable & Sendable>: Hashable, Sendable {
    var m: YearMonth?
    var a: String?
    var c: C?

    /// The key with every combination of totals.
    static func rollup(_ m: YearMonth, _ a: String, _ c: C?) -> [MAC] {
        var out: [MAC] = []
        for mm in [m, nil] { for aa in [a, nil] {
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

    static func rollup(_ k: String, _ a: String, _ c: C?) -> [KAC] {
        var out: [KAC] = []
        for kk in [k, nil] { for aa in [a, nil] {
            out.append(KAC(k: kk, a: aa, c: c))
            if c != nil { out.append(KAC(k: kk, a: aa, c: nil)) }
        } }
        return out
    }
}
