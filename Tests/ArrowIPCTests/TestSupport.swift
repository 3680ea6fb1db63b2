import ColumnStore
import Foundation
import Testing
import TestScratch

/// A fresh directory under the system temporary directory; removed by `cleanup()`.
struct ScratchDirectory {
    let url: URL

    init(_ label: String = #function) throws {
        url = try TestScratch.folder("arrowipc-\(label.filter { $0.isLetter || $0.isNumber })")
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

enum Fixtures {
    static let kommuner = ["København", "Ærø", "Høje-Taastrup", "Aabenraa"]

    /// A table with one column of every type. With `nulls`, every column has a
    /// validity bitmap with some nulls, except `i64_nullable_no_nulls`, which is
    /// nullable but fully valid.
    static func allTypes(rows: Int, nulls: Bool) -> Table {
        func validity(_ every: Int) -> Validity? {
            nulls ? Validity((0..<rows).map { $0 % every != 1 }) : nil
        }
        let v3 = validity(3), v5 = validity(5), v7 = validity(7), v4 = validity(4), v6 = validity(6), v2 = validity(2)
        func value<T>(_ v: Validity?, _ row: Int, _ x: T, _ zero: T) -> T { (v.map { $0[row] } ?? true) ? x : zero }
        var strings = StringStorage()
        let words = ["Ærø", "Høje-Taastrup", "", "a", "ÆØÅ æøå – “quoted” 🙂", "Lyngby-Taarbæk"]
        for r in 0..<rows { strings.append(value(v4, r, words[r % words.count], "")) }
        var columns = [
            Column(name: "i32", data: .int32((0..<rows).map { value(v3, $0, Int32($0) &* 7919 &- 50_000, 0) }), validity: v3),
            Column(name: "i64", data: .int64((0..<rows).map { value(v5, $0, Int64($0) &* 1_000_000_007 &- (1 << 40), 0) }), validity: v5),
            Column(name: "f64", data: .float64((0..<rows).map { value(v7, $0, Double($0) * 0.1 - 3.25, 0) }), validity: v7),
            Column(name: "day", data: .date32((0..<rows).map { value(v2, $0, Int32(19_000 + $0 % 4000 - 2000), 0) }), validity: v2),
            Column(name: "flag", data: .bool((0..<rows).map { value(v6, $0, $0 % 3 == 0 || $0 % 5 == 0, false) }), validity: v6),
            Column(name: "name", data: .utf8(strings), validity: v4),
            Column(name: "kommune", data: .dictionary(DictionaryStorage(
                indices: (0..<rows).map { value(v3, $0, DictionaryStorage.Index($0 % kommuner.count), 0) }, values: kommuner)), validity: v3),
        ]
        if nulls {
            columns.append(Column(name: "i64_nullable_no_nulls", data: .int64((0..<rows).map { Int64($0) }),
                                  validity: Validity(allValid: rows)))
        }
        return Table(columns: columns)
    }
}

extension Fixtures {
    /// A table zstd cannot shrink: pseudo-random int64 values and strings of
    /// random bytes in 0x21...0x7e (a fixed-seed xorshift, so runs repeat).
    static func incompressible(rows: Int) -> Table {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        var strings = StringStorage()
        var longs: [Int64] = []
        for _ in 0..<rows {
            longs.append(Int64(bitPattern: next()))
            strings.append(String(decoding: (0..<16).map { _ in UInt8(0x21 + next() % 94) }, as: UTF8.self))
        }
        return Table(columns: [Column(name: "noise", data: .int64(longs)), Column(name: "text", data: .utf8(strings))])
    }
}

/// Compares two tables value by value (null slots are not compared).
func expectSameTable(_ a: Table, _ b: Table, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.schema == b.schema, sourceLocation: sourceLocation)
    #expect(a.rowCount == b.rowCount, sourceLocation: sourceLocation)
    guard a.schema == b.schema, a.rowCount == b.rowCount else { return }
    for (ca, cb) in zip(a.columns, b.columns) {
        var mismatches = 0
        for r in 0..<a.rowCount {
            let same: Bool
            if ca.isNull(r) || cb.isNull(r) {
                same = ca.isNull(r) == cb.isNull(r)
            } else {
                switch (ca.data, cb.data) {
                case (.float64(let x), .float64(let y)): same = x[r].bitPattern == y[r].bitPattern
                default: same = ca.text(at: r) == cb.text(at: r)
                }
            }
            if !same {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("column \(ca.name) row \(r): \(ca.text(at: r) ?? "null") ≠ \(cb.text(at: r) ?? "null")",
                                 sourceLocation: sourceLocation)
                }
            }
        }
        #expect(mismatches == 0, "column \(ca.name): \(mismatches) mismatching rows", sourceLocation: sourceLocation)
    }
}
