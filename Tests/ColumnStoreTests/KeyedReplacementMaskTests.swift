import Testing
@testable import ColumnStore

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

    @Test("nextOccurrence: each row points at the next row with the same key, -1 at the last (utf8 and int64)")
    func nextOccurrenceMatchesANaiveScan() {
        var rng = SplitMix(state: 7)
        let n = 60_000
        let ids = (0..<n).map { _ in Int.random(in: 0..<9_000, using: &rng) }
        let strings = ids.map { String(repeating: "K", count: $0 % 23) + String($0) }
        var later: [String: Int32] = [:]
        var expected = [Int32](repeating: -1, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            if let l = later[strings[i]] { expected[i] = l }
            later[strings[i]] = Int32(i)
        }
        #expect(StringStorage(strings).nextOccurrence() == expected)
        #expect(Column(name: "k", data: .int64(ids.map { Int64($0) })).nextOccurrence() == expected)
        #expect(StringStorage(["a", "b", "a", "a"]).nextOccurrence() == [2, -1, 3, -1])
        // The mask is the rows without a next occurrence.
        #expect(StringStorage(strings).lastOccurrenceMask() == expected.map { $0 < 0 })
    }
}
