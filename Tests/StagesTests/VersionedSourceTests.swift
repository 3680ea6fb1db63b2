import ColumnStore
import Foundation
import Testing
import YdelseIO
@testable import Stages

/// CONV-3 for the focus measure's earlier months: the rows of a ``VersionedSource`` known at
/// month m are exactly the normalised table of a run for m (the extract rows of the deliveries
/// up to m, keyed replacement, pnr sort).
@Suite struct VersionedSourceTests {
    /// The rows of `v` known at `m`, in order.
    static func known(_ v: VersionedSource, at m: YearMonth) -> Table {
        let i = Int32(m.index)
        let from = v.from, until = v.until
        return v.table.filter { from[$0] <= i && i < until[$0] }
    }

    static func cells(_ t: Table) -> [[String]] {
        t.columns.map { c in (0..<t.rowCount).map { c.isNull($0) ? "\u{0}" : c.text(at: $0) ?? "" } }
    }

    /// What the focus stage replaced: normalising the extract rows of the deliveries up to m.
    static func normalisedPrefix(_ extract: Table, layout: SourceLayout, deliveryMonths: [YearMonth], at m: YearMonth) -> Table {
        let last = Int32(deliveryMonths.lastIndex { $0 <= m } ?? -1)
        let d = extract.column("_delivery").int32Values
        return Normaliser.normalise(extract.filter { d[$0] <= last }, layout: layout).table
    }

    @Test("CONV-3 every version known at m of the sample's keyed and unkeyed sources = the normalised deliveries up to m", arguments: ["ky", "samtale", "fleur", "bopael"])
    func knownRowsEqualTheNormalisedPrefix(source: String) async throws {
        let run = try await sampleRun("2022-03")
        let layout = try #require(SourceCatalog.layout(named: source))
        let extract = try run.table("extract_\(source)", source)
        let deliveryMonths = try SourceExtractor(dataDirectory: run.data.path).deliveries(of: layout, upTo: run.month).map(\.month)
        let months = run.month.advanced(by: -11)...run.month.advanced(by: -1)
        let v = VersionedSource(extract: extract, layout: layout, deliveryMonths: deliveryMonths, months: months)
        var m = months.lowerBound
        var replacedSomewhere = false
        while m <= months.upperBound {
            let expected = Self.normalisedPrefix(extract, layout: layout, deliveryMonths: deliveryMonths, at: m)
            let got = Self.known(v, at: m)
            #expect(got.rowCount == expected.rowCount, "\(source) \(m)")
            #expect(Self.cells(got) == Self.cells(expected), "\(source) \(m)")
            if let key = layout.key {
                let d = extract.column("_delivery").int32Values, last = Int32(deliveryMonths.lastIndex { $0 <= m } ?? -1)
                let prefix = extract.filter { d[$0] <= last }
                if prefix.column(key).lastOccurrenceMask().contains(false) { replacedSomewhere = true }
            }
            m = m.advanced(by: 1)
        }
        // A keyed source of the sample has corrections, so replacement was exercised.
        if layout.key != nil { #expect(replacedSomewhere, "\(source): no replaced version in the sample") }
    }

    @Test("CONV-3 keyed versions: replaced from the month of the replacing delivery; two versions in one month keep the later; rows out of delivery order are put back in order")
    func handWorkedVersions() throws {
        let layout = try #require(SourceCatalog.layout(named: "samtale"))
        let key = try #require(layout.key)
        // Deliveries: 0 = 2023-01, 1 = 2023-02, 2 = 2023-02 (a re-delivery), 3 = 2023-04.
        let deliveryMonths = [YearMonth(year: 2023, month: 1), YearMonth(year: 2023, month: 2),
                              YearMonth(year: 2023, month: 2), YearMonth(year: 2023, month: 4)]
        // key A: versions in 0 and 3; key B: in 1 and 2 (same month); key C: only in 2.
        let rows: [(key: String, delivery: Int32, pnr: Int64)] = [("A", 0, 2), ("B", 1, 1), ("B", 2, 1), ("C", 2, 3), ("A", 3, 2)]
        func table(_ r: [(key: String, delivery: Int32, pnr: Int64)]) -> Table {
            Table(columns: [
                Column(name: "pnr", data: .int64(r.map(\.pnr))),
                Column(name: key, data: .utf8(StringStorage(r.map(\.key)))),
                Column(name: "dato", data: .date32(r.map { _ in 19_000 })),
                Column(name: "_delivery", data: .int32(r.map(\.delivery))),
            ])
        }
        let months = YearMonth(year: 2023, month: 1)...YearMonth(year: 2023, month: 4)
        for extract in [table(rows), table([rows[4], rows[0], rows[2], rows[1], rows[3]].sorted { $0.delivery < $1.delivery }),
                        table(rows.reversed())] {
            let v = VersionedSource(extract: extract, layout: layout, deliveryMonths: deliveryMonths, months: months)
            func known(_ month: Int) -> [String] {
                let t = Self.known(v, at: YearMonth(year: 2023, month: month))
                return (0..<t.rowCount).map { t.column(key).text(at: $0)! + "@" + String(t.column("_delivery").int32Values[$0]) }
            }
            #expect(known(1) == ["A@0"])
            #expect(known(2) == ["B@2", "A@0", "C@2"])   // pnr order: B (1), A (2), C (3)
            #expect(known(3) == ["B@2", "A@0", "C@2"])
            #expect(known(4) == ["B@2", "A@3", "C@2"])
            // B@1 is never known (replaced in its own month): it is not kept at all.
            #expect(v.table.rowCount == 4)
        }
    }
}
