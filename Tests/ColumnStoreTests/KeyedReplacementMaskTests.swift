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
}
