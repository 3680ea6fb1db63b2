import Testing
@testable import ColumnStore
import TestScratch

@Suite struct KeySortTests {
    /// The reference: a stable comparison sort of the kept rows by (key, second).
    func expected(_ key: [Int64], _ second: [Int32]?, _ keep: [Bool]?) -> [Int32] {
        key.indices.filter { keep?[$0] ?? true }.sorted { a, b in
            if key[a] != key[b] { return key[a] < key[b] }
            let sa = second?[a] ?? 0, sb = second?[b] ?? 0
            return sa != sb ? sa < sb : a < b
        }.map(Int32.init)
    }

    @Test(arguments: [0, 1, 2, 17, 25, 5_000, 200_000])
    func matchesAStableSortOfPnrAndDate(n: Int) {
        var rng = SplitMix64(seed: UInt64(n))
        // Few persons with many rows each, pnr-like keys, dates before and after 1970.
        let persons = (0..<max(1, n / 40)).map { _ in Int64.random(in: 100_000_000...3_112_999_999, using: &rng) }
        let key = (0..<n).map { _ in persons.randomElement(using: &rng)! }
        let second = (0..<n).map { _ in Int32.random(in: -400...20_000, using: &rng) }
        let keep = (0..<n).map { _ in Int.random(in: 0..<5, using: &rng) != 0 }
        #expect(KeySort.sortedRows(key: key, second: second, keep: keep) == expected(key, second, keep))
        #expect(KeySort.sortedRows(key: key, second: second) == expected(key, second, nil))
        #expect(KeySort.sortedRows(key: key) == expected(key, nil, nil))
    }

    @Test func equalKeysKeepRowOrder() {
        let key = [Int64](repeating: 42, count: 3_000)
        #expect(KeySort.sortedRows(key: key, second: [Int32](repeating: 7, count: 3_000)) == (0..<3_000).map(Int32.init))
    }

    @Test func keysTooWideToPackStillSort() {
        var rng = SplitMix64(seed: 9)
        let n = 10_000
        let key = (0..<n).map { i in i % 3 == 0 ? Int64.random(in: .min ... .max, using: &rng) : Int64(i % 50) }
        let second = (0..<n).map { _ in Int32.random(in: .min ... .max, using: &rng) }
        #expect(KeySort.sortedRows(key: key, second: second) == expected(key, second, nil))
    }

    @Test func nothingKeptGivesNoRows() {
        #expect(KeySort.sortedRows(key: [3, 1, 2], keep: [false, false, false]).isEmpty)
    }

    @Test func tableSortUsesItWithNegativeDates() {
        let n = 1000
        let pnr = (0..<n).map { Int64(($0 * 7919) % 97) + 1_000_000_000 }
        let dates = (0..<n).map { Int32(($0 * 31) % 200) - 100 }
        let t = Table(columns: [Column(name: "pnr", data: .int64(pnr)), Column(name: "d", data: .date32(dates))]).sorted(by: ["pnr", "d"])
        #expect(t.column("pnr").int64Values == pnr.sorted())
        let p = t.column("pnr").int64Values, d = t.column("d").dateValues
        for i in 1..<n where p[i - 1] == p[i] { #expect(d[i - 1] <= d[i]) }
    }
}
