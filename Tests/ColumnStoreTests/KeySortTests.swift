import Testing
@testable import ColumnStore

/// A small deterministic generator so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
        var rng = SplitMix(state: UInt64(n))
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
        var rng = SplitMix(state: 9)
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

@Suite struct RowGatherTests {
    @Test(arguments: [1, 9, 100_003])
    func matchesTheSequentialGather(n: Int) {
        var rng = SplitMix(state: 5)
        let words = ["", "a", "KH", "S2512146918-53", String(repeating: "x", count: 40)]
        let t = Table(columns: [
            Column(name: "i64", data: .int64((0..<n).map { Int64($0) * 3 })),
            Column(name: "i32", data: .int32((0..<n).map { Int32($0) })),
            Column(name: "f", data: .float64((0..<n).map { Double($0) / 4 })),
            Column(name: "b", data: .bool((0..<n).map { $0 % 3 == 0 })),
            Column(name: "d", data: .date32((0..<n).map { Int32($0 % 900) - 300 }),
                   validity: Validity((0..<n).map { $0 % 7 != 0 })),
            Column(name: "s", data: .utf8(StringStorage((0..<n).map { words[$0 % words.count] + String($0 % 11) })),
                   validity: Validity((0..<n).map { $0 % 5 != 1 })),
            Column(name: "k", data: .dictionary(DictionaryStorage(indices: (0..<n).map { Int32($0 % 2) }, values: ["A", "B"]))),
        ])
        let rows = (0..<(n + n / 2)).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) }
        let fast = t.gather(rows: rows), slow = t.gather(rows.map(Int.init))
        for (a, b) in zip(fast.columns, slow.columns) {
            #expect(a.name == b.name)
            #expect(a.validity == b.validity)
            #expect((0..<fast.rowCount).allSatisfy { a.text(at: $0) == b.text(at: $0) }, "column \(a.name)")
        }
        #expect(t.gather(rows: []).rowCount == 0)
        let empty = Table(columns: [Column(name: "s", data: .utf8(StringStorage((0..<n).map { _ in "" })))])
        #expect(empty.gather(rows: rows).column("s").strings == StringStorage(rows.map { _ in "" }))
    }
}

@Suite struct KeyedReplacementMaskTests {
    @Test func matchesANaiveLastOccurrence() {
        var rng = SplitMix(state: 11)
        let n = 120_000
        // Keys of every length from 0 to 30 bytes, sharing prefixes, many repeated.
        let strings = (0..<n).map { _ -> String in
            let len = Int.random(in: 0...30, using: &rng)
            let id = Int.random(in: 0..<40_000, using: &rng)
            return String((String(repeating: "K", count: len) + String(id)).prefix(len))
        }
        var last: [String: Int] = [:]
        for (i, s) in strings.enumerated() { last[s] = i }
        let expected = (0..<n).map { last[strings[$0]] == $0 }
        #expect(StringStorage(strings).lastOccurrenceMask() == expected)
        #expect(StringStorage(strings).lastOccurrenceRows() == expected.indices.filter { expected[$0] })
        #expect(StringStorage(["", "", ""]).lastOccurrenceMask() == [false, false, true])
    }
}
