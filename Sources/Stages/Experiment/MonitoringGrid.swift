import ColumnStore
import Publishing
import ReferenceData

/// The row grid of the monitoring tables (OUTPUTS.md "Conventions of the monitoring tables"):
/// months 2020M09..M ascending, then `I alt`; a-kasser 01..09, then `I alt`. A nil month or
/// a-kasse stands for `I alt`.
struct MonitoringGrid: Sendable {
    static let total = "I alt"

    let month: YearMonth
    /// 2020M09...M.
    let months: [YearMonth]
    /// The nine experiment a-kasser, 01..09.
    let akasser: [AKasse]

    init(month: YearMonth, months: [YearMonth], akasser: [AKasse] = AKasse.experiment) {
        self.month = month
        self.months = months
        self.akasser = akasser
        monthSet = Set(months)
    }

    private let monthSet: Set<YearMonth>

    /// The months with `I alt` last (flow tables).
    var monthSlots: [YearMonth?] { months.map { Optional($0) } + [nil] }
    /// The a-kasse codes with `I alt` last.
    var akasseSlots: [String?] { akasser.map { Optional($0.code) } + [nil] }

    /// Whether `d` falls in a month of the grid.
    func contains(_ d: Day) -> Bool { monthSet.contains(d.yearMonth) }

    static func monthLabel(_ m: YearMonth?) -> MeasureCell { .label(m?.label ?? total) }

    static func akasseLabel(_ code: String?) -> MeasureCell {
        .label(code.map { AKasse.byCode[$0]?.shortName ?? $0 } ?? total)
    }
}

/// Counts keyed by a hashable cell key, where totals are further keys (nil = `I alt`).
struct Tally<Key: Hashable>: Sendable where Key: Sendable {
    private(set) var counts: [Key: Int] = [:]

    subscript(_ k: Key) -> Int { counts[k] ?? 0 }

    mutating func add(_ k: Key, _ n: Int = 1) { counts[k, default: 0] += n }

    /// Adds each key once (distinct persons: the caller passes one person's key set).
    mutating func addOnce<S: Sequence>(_ keys: S) where S.Element == Key {
        for k in Set(keys) { add(k) }
    }
}

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
