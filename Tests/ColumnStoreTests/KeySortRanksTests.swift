import Testing
@testable import ColumnStore
import TestScratch

@Suite struct KeySortRanksTests {
    /// The reference: each row's count of earlier rows (row order) with the same key, second key and group.
    func expected(_ key: [Int64], _ second: [Int32]?, _ group: [Int32], rows: Set<Int>) -> [Int32] {
        var seen: [String: Int32] = [:]
        var out = [Int32](repeating: 0, count: key.count)
        for r in key.indices where rows.contains(r) {
            let k = "\(key[r]) \(second?[r] ?? 0) \(group[r])"
            out[r] = seen[k, default: 0]
            seen[k, default: 0] += 1
        }
        return out
    }

    /// Runs of equal (pnr, date, delivery) spread over many chunks, with and without a second key,
    /// over all rows and over a subset: the rank is the row's place among its equals in row order.
    @Test(arguments: [0, 1, 2, 9, 3_000, 60_000])
    func matchesACountOfEarlierEquals(n: Int) {
        var rng = SplitMix64(seed: UInt64(n) &+ 7)
        let key = (0..<n).map { _ in Int64.random(in: 1...Int64(max(1, n / 500)), using: &rng) }
        let second = (0..<n).map { _ in Int32.random(in: 0...3, using: &rng) }
        // Deliveries grow with the row number, as in an extract table.
        let group = (0..<n).map { Int32($0 / max(1, n / 7)) }
        for second in [second, nil] {
            let all = KeySort.sortedRows(key: key, second: second)
            let ranks = KeySort.ranks(order: all, key: key, second: second, group: group)
            #expect(ranks == expected(key, second, group, rows: Set(0..<n)))
            // The same rows already sorted (order nil) get the same ranks, in sorted order.
            let sorted = KeySort.ranks(order: nil, key: all.map { key[Int($0)] }, second: second.map { s in all.map { s[Int($0)] } },
                                       group: all.map { group[Int($0)] })
            #expect(sorted == all.map { ranks[Int($0)] })
            let keep = (0..<n).map { _ in Bool.random(using: &rng) }
            let some = KeySort.sortedRows(key: key, second: second, keep: keep)
            #expect(KeySort.ranks(order: some, key: key, second: second, group: group)
                == expected(key, second, group, rows: Set(some.map(Int.init))))
        }
    }

    /// One run as long as the whole table: every chunk but the first starts inside it.
    @Test func aRunAcrossEveryChunkCountsOn() {
        let n = 10_000
        let key = [Int64](repeating: 5, count: n), group = [Int32](repeating: 0, count: n)
        let ranks = KeySort.ranks(order: (0..<Int32(n)).map { $0 }, key: key, second: nil, group: group)
        #expect(ranks == (0..<Int32(n)).map { $0 })
    }
}
