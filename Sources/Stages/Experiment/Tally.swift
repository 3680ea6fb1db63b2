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
