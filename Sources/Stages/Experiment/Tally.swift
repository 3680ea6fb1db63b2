/// Counts keyed by a hashable cell key, where totals are further keys (nil = `I alt`).
struct Tally<Key: Hashable>: Sendable where Key: Sendable {
    private(set) var counts: [Key: Int] = [:]

    subscript(_ k: Key) -> Int { counts[k] ?? 0 }

    mutating func add(_ k: Key, _ n: Int = 1) { counts[k, default: 0] += n }

    /// Adds each key once (distinct persons: the caller passes one person's key set).
    mutating func addOnce<S: Sequence>(_ keys: S) where S.Element == Key {
        for k in Set(keys) { add(k) }
    }

    /// This tally of leaf cells with each count also added to the totals `rollup` lists for its
    /// key (the key itself among them). Counting leaves first and their totals once at the end
    /// gives the same counts as adding every total of every item, with a dictionary update per
    /// item instead of one per total; it holds for sums, not for distinct persons (``addOnce(_:)``).
    func rolledUp(_ rollup: (Key) -> [Key]) -> Tally {
        var out = Tally()
        for (k, n) in counts { for r in rollup(k) { out.add(r, n) } }
        return out
    }
}
