import Testing
@testable import ColumnStore
import TestScratch

/// `Table.mergeReleasing(old:new:rows:)` rearranges the old table's arrays in place; whatever the
/// rows left out and put in, it gives the gather of the concatenation.
@Suite struct TableMergeTests {
    static func table(_ n: Int, offset: Int, nullable: Bool, codes: [String]) -> Table {
        Table(columns: [
            Column(name: "i64", data: .int64((0..<n).map { Int64($0 + offset) * 7 })),
            Column(name: "i32", data: .int32((0..<n).map { Int32($0 + offset) })),
            Column(name: "f", data: .float64((0..<n).map { Double($0 + offset) / 4 })),
            Column(name: "b", data: .bool((0..<n).map { ($0 + offset) % 3 == 0 })),
            Column(name: "d", data: .date32((0..<n).map { Int32(($0 + offset) % 900) - 300 }),
                   validity: nullable ? Validity((0..<n).map { $0 % 7 != 0 }) : nil),
            // Strings of 0 to 40 bytes, empty ones among them, so that byte runs move by odd amounts.
            Column(name: "s", data: .utf8(StringStorage((0..<n).map { ($0 + offset) % 9 == 0 ? "" : "v\($0 + offset)" + String(repeating: "x", count: ($0 * 7) % 40) })),
                   validity: nullable ? Validity((0..<n).map { $0 % 5 != 1 }) : nil),
            Column(name: "k", data: .dictionary(DictionaryStorage(indices: (0..<n).map { DictionaryStorage.Index($0 % codes.count) }, values: codes))),
            // The same code list in both tables: merged in place like the fixed-width columns.
            Column(name: "k2", data: .dictionary(DictionaryStorage(indices: (0..<n).map { DictionaryStorage.Index(($0 + offset) % 3) },
                                                                   values: ["X", "Y", "Z"]))),
        ])
    }

    /// Merge rows: the old rows kept with probability `keep`, in order, with new rows (each at
    /// most once, in any order) put between them with probability `insert` per slot.
    static func rows(old: Int, new: Int, keep: Double, insert: Double, seed: UInt64) -> [Int32] {
        var rng = SplitMix64(seed: seed)
        var fresh = Array(Int32(old)..<Int32(old + new)).shuffled(using: &rng)
        var rows: [Int32] = []
        for r in 0...old {
            while !fresh.isEmpty, Double.random(in: 0..<1, using: &rng) < insert { rows.append(fresh.removeLast()) }
            if r < old, Double.random(in: 0..<1, using: &rng) < keep { rows.append(Int32(r)) }
        }
        return rows
    }

    @Test("the merge in place equals the gather of [old, new]", arguments: [
        (0, 0, 1.0, 0.0), (0, 9, 1.0, 0.5), (12, 0, 1.0, 0.0), (12, 0, 0.5, 0.0), (1, 1, 1.0, 0.5),
        (3_000, 40, 0.99, 0.01), (3_000, 2_000, 0.3, 0.6), (20_000, 300, 0.95, 0.02), (5_000, 5_000, 1.0, 0.9),
    ])
    func equalsTheGather(old n: Int, new m: Int, keep: Double, insert: Double) {
        let old = Self.table(n, offset: 0, nullable: true, codes: ["A", "B"])
        let new = Self.table(m, offset: n, nullable: n % 2 == 0, codes: ["C", "A"])
        let rows = Self.rows(old: n, new: m, keep: keep, insert: insert, seed: UInt64(n * 31 + m))
        let want = Table.concatenate([old, new]).gather(rows.map(Int.init))
        let got = Table.mergeReleasing(old: old, new: new, rows: rows)
        #expect(got.rowCount == rows.count && got.columns.map(\.name) == want.columns.map(\.name))
        for (a, b) in zip(got.columns, want.columns) {
            #expect(a.validity == b.validity, "column \(a.name)")
            #expect(a.type == b.type)
            #expect((0..<got.rowCount).allSatisfy { a.text(at: $0) == b.text(at: $0) }, "column \(a.name)")
        }
        if case .utf8(let s) = got.column("s").data {
            #expect(s.offsets.count == rows.count + 1 && Int(s.offsets.last!) == s.bytes.count)
        }
        #expect(old.rowCount == n && old.columns.allSatisfy { $0.count == n }, "a copy the caller keeps is untouched")
    }

    @Test("arrays with spare capacity are merged where they are")
    func spareCapacityIsUsed() {
        let n = 10_000, m = 50
        var ids = [Int64](); ids.reserveCapacity(n + m)
        ids.append(contentsOf: (0..<n).map { Int64($0) * 2 })
        let start = ids.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let old = Table(columns: [Column(name: "id", data: .int64(ids))])
        ids = []
        let new = Table(columns: [Column(name: "id", data: .int64((0..<m).map { Int64($0) * 2 + 1 }))])
        // New row j goes after old row j: sorted ids, every old row kept.
        var rows: [Int32] = []
        for r in 0..<n { rows.append(Int32(r)); if r < m { rows.append(Int32(n + r)) } }
        let merged = Table.mergeReleasing(old: consume old, new: new, rows: rows)
        let values = merged.column("id").int64Values
        #expect(values.count == n + m)
        #expect(values.prefix(2 * m) == ArraySlice((0..<(2 * m)).map(Int64.init)))
        #expect(values.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == start, "merged in the old array's storage")
    }
}
