import Testing
@testable import ColumnStore
import TestScratch

@Suite struct KeyedReplacementMaskTests {
    @Test func matchesANaiveLastOccurrence() {
        var rng = SplitMix64(seed: 11)
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
        var rng = SplitMix64(seed: 7)
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

    @Test("firstOccurrence: each probed key found finds the first row holding it, a probed key not found is left out (utf8 and int64)")
    func firstOccurrenceMatchesANaiveScan() {
        var rng = SplitMix64(seed: 3)
        // A few new keys (some repeated, some empty) probed by many old ones, keys of 0..30 bytes.
        let small = (0..<3_000).map { _ in Int.random(in: 0..<5_000, using: &rng) }
        let large = (0..<80_000).map { _ in Int.random(in: 0..<20_000, using: &rng) }
        func text(_ id: Int) -> String { id % 97 == 0 ? "" : String(repeating: "K", count: id % 31) + String(id) }
        var first: [String: Int32] = [:]
        for (i, id) in small.enumerated() where first[text(id)] == nil { first[text(id)] = Int32(i) }
        let expected = large.map { first[text($0)] ?? -1 }
        #expect(expected.contains(-1) && expected.contains { $0 >= 0 })
        // The matches, in probe order: the probed rows with a row of their own.
        func matches(_ rows: [Int32]) -> [KeyMatch] {
            rows.indices.filter { rows[$0] >= 0 }.map { KeyMatch(probeRow: Int32($0), row: rows[$0]) }
        }
        let got = Column(name: "k", data: .utf8(StringStorage(small.map(text))))
            .firstOccurrence(in: Column(name: "k", data: .utf8(StringStorage(large.map(text)))))
        #expect(got == matches(expected))
        var firstID: [Int64: Int32] = [:]
        for (i, id) in small.enumerated() where firstID[Int64(id)] == nil { firstID[Int64(id)] = Int32(i) }
        #expect(Column(name: "k", data: .int64(small.map(Int64.init))).firstOccurrence(in: Column(name: "k", data: .int64(large.map(Int64.init))))
            == matches(large.map { firstID[Int64($0)] ?? -1 }))
        #expect(StringStorage([]).firstOccurrence(in: StringStorage(["a", ""])) == [])
        #expect(StringStorage(["a"]).firstOccurrence(in: StringStorage([])) == [])
        #expect(StringStorage(["b", "a", "b"]).firstOccurrence(in: StringStorage(["a", "c", "b", "a"]))
            == [KeyMatch(probeRow: 0, row: 1), KeyMatch(probeRow: 2, row: 0), KeyMatch(probeRow: 3, row: 1)])
    }
}
