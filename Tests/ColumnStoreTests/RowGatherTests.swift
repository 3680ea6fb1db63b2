import Testing
@testable import ColumnStore

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
}
