import Testing
@testable import ColumnStore
import TestScratch

@Suite struct RowGatherTests {
    @Test(arguments: [1, 9, 100_003])
    func matchesTheSequentialGather(n: Int) {
        var rng = SplitMix64(seed: 5)
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
            Column(name: "k", data: .dictionary(DictionaryStorage(indices: (0..<n).map { DictionaryStorage.Index($0 % 2) }, values: ["A", "B"]))),
        ])
        let rows = (0..<(n + n / 2)).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) }
        let fast = t.gather(rows: rows), slow = t.gather(rows.map(Int.init))
        for (a, b) in zip(fast.columns, slow.columns) {
            #expect(a.name == b.name)
            #expect(a.validity == b.validity)
            #expect((0..<fast.rowCount).allSatisfy { a.text(at: $0) == b.text(at: $0) }, "column \(a.name)")
        }
        #expect(t.gather(rows: []).rowCount == 0)
        // Gathering while letting the columns go gives the sequential gather's tables, for several row sets.
        let other = Array(rows.reversed().prefix(n / 3))
        let released = t.gatherReleasing(rowSets: [rows, [], other])
        for (got, want) in zip(released, [slow, t.gather([Int]()), t.gather(other.map(Int.init))]) {
            #expect(got.rowCount == want.rowCount && got.columns.map(\.name) == want.columns.map(\.name))
            for (a, b) in zip(got.columns, want.columns) {
                #expect(a.validity == b.validity)
                #expect((0..<got.rowCount).allSatisfy { a.text(at: $0) == b.text(at: $0) }, "column \(a.name)")
            }
        }
        #expect(t.rowCount == n && t.columns.allSatisfy { $0.count == n }, "a copy the caller keeps is untouched")
        let empty = Table(columns: [Column(name: "s", data: .utf8(StringStorage((0..<n).map { _ in "" })))])
        #expect(empty.gather(rows: rows).column("s").strings == StringStorage(rows.map { _ in "" }))
    }

    /// Rows gathered from several tables at once are the rows of their concatenation, also when
    /// one part's column has no validity bitmap and another's dictionary differs.
    @Test(arguments: [0, 5, 40_000])
    func gatherFromPartsMatchesTheConcatenation(n: Int) {
        var rng = SplitMix64(seed: UInt64(n) + 1)
        func part(_ rows: Int, _ offset: Int, nullable: Bool, codes: [String]) -> Table {
            Table(columns: [
                Column(name: "i64", data: .int64((0..<rows).map { Int64($0 + offset) })),
                Column(name: "b", data: .bool((0..<rows).map { ($0 + offset) % 3 == 0 })),
                Column(name: "d", data: .date32((0..<rows).map { Int32(($0 + offset) % 900) }),
                       validity: nullable ? Validity((0..<rows).map { $0 % 7 != 0 }) : nil),
                Column(name: "s", data: .utf8(StringStorage((0..<rows).map { "v\($0 + offset)" + String(repeating: "x", count: $0 % 40) }))),
                Column(name: "k", data: .dictionary(DictionaryStorage(indices: (0..<rows).map { DictionaryStorage.Index($0 % codes.count) }, values: codes))),
            ])
        }
        let parts = [part(n, 0, nullable: true, codes: ["A", "B"]), part(n / 3 + 1, n, nullable: false, codes: ["A", "B"]),
                     part(7, 2 * n, nullable: true, codes: ["C", "A"])]
        let whole = Table.concatenate(parts)
        let total = whole.rowCount
        let rows = (0..<(total + total / 2)).map { _ in Int32.random(in: 0..<Int32(total), using: &rng) }
        let sorted = Array(Int32(0)..<Int32(total)).filter { $0 % 3 != 1 }
        let got = Table.gatherReleasing(from: parts, rowSets: [rows, sorted, []])
        for (g, want) in zip(got, [whole.gather(rows.map(Int.init)), whole.gather(sorted.map(Int.init)), whole.gather([Int]())]) {
            #expect(g.rowCount == want.rowCount && g.columns.map(\.name) == want.columns.map(\.name))
            for (a, b) in zip(g.columns, want.columns) {
                #expect(a.validity == b.validity, "column \(a.name)")
                #expect((0..<g.rowCount).allSatisfy { a.text(at: $0) == b.text(at: $0) }, "column \(a.name)")
            }
        }
        #expect(got[0].column("k").dictionary.values == ["A", "B", "C"])
        #expect(parts[0].rowCount == n, "the caller's copies are untouched")
    }
}
