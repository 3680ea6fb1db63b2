import ArrowIPC
import ColumnStore
import Foundation
import Testing
import TestScratch
import YdelseIO
@testable import Stages

/// A month's normalised tables from the previous month's plus the new deliveries' rows (issue 11,
/// the nightly run) are the tables normalising the whole extract gives: checked month after month
/// on random deliveries, each month built from the one before as a nightly run does.
@Suite struct NormaliserIncrementTests {
    static let firstMonth = YearMonth(year: 2020, month: 1)

    /// A taeller-like extract table (keyed by `periode_id`, sorted by `foerste_dag`, an optional
    /// end date, a dictionary column) of `deliveries` monthly deliveries in delivery order. Few
    /// pnrs, keys and dates, so replacements within and across deliveries and sort ties are common;
    /// some deliveries are empty.
    static func keyedExtract(deliveries: Int, seed: UInt64) -> Table {
        var r = SplitMix64(seed: seed)
        var pnr: [Int64] = [], key: [String] = [], start: [Int32] = [], end: [Int32] = [], valid: [Bool] = []
        var code: [DictionaryStorage.Index] = [], delivery: [Int32] = [], line: [Int32] = []
        for d in 0..<deliveries {
            let rows = r.next(4) == 0 ? 0 : r.next(25)
            for l in 0..<rows {
                pnr.append(Int64(1 + r.next(6)))
                key.append("k\(r.next(18))")
                start.append(Int32(18_000 + r.next(12)))
                let open = r.next(3) == 0
                end.append(open ? 0 : Int32(18_020 + r.next(30)))
                valid.append(!open)
                code.append(DictionaryStorage.Index(r.next(2)))
                delivery.append(Int32(d))
                line.append(Int32(2 + l))
            }
        }
        return Table(columns: [
            Column(name: "pnr", data: .int64(pnr)),
            Column(name: "periode_id", data: .utf8(StringStorage(key))),
            Column(name: "foerste_dag", data: .date32(start)),
            Column(name: "sidste_dag", data: .date32(end), validity: Validity(valid)),
            Column(name: "forsikring", data: .dictionary(DictionaryStorage(indices: code, values: ["H", "D"]))),
            Column(name: "_delivery", data: .int32(delivery)),
            Column(name: "_line", data: .int32(line)),
        ])
    }

    /// A tilmelding-like extract table (no key: every row is kept) with the same shape.
    static func eventExtract(deliveries: Int, seed: UInt64) -> Table {
        var r = SplitMix64(seed: seed)
        var pnr: [Int64] = [], day: [Int32] = [], delivery: [Int32] = [], line: [Int32] = []
        for d in 0..<deliveries {
            for l in 0..<r.next(20) {
                pnr.append(Int64(1 + r.next(6)))
                day.append(Int32(18_000 + r.next(5)))
                delivery.append(Int32(d))
                line.append(Int32(2 + l))
            }
        }
        return Table(columns: [
            Column(name: "pnr", data: .int64(pnr)),
            Column(name: "dato", data: .date32(day)),
            Column(name: "_delivery", data: .int32(delivery)),
            Column(name: "_line", data: .int32(line)),
        ])
    }

    /// The rows of the first `deliveries` deliveries.
    static func firstDeliveries(_ t: Table, _ deliveries: Int) -> Table {
        t.prefix(rows: t.column("_delivery").int32Values.firstIndex { $0 >= Int32(deliveries) } ?? t.rowCount)
    }

    /// What the normalise stage asks for in month M (the month of delivery `deliveries - 1`).
    static func superseded(deliveries: Int, months n: Int) -> Normaliser.Superseded {
        let m = firstMonth.advanced(by: deliveries - 1)
        return .init(deliveryMonths: (0..<deliveries).map { firstMonth.advanced(by: $0) },
                     months: m.advanced(by: -n)...m.advanced(by: -1))
    }

    /// The table as a checkpoint's bytes: names, types, values, nulls and dictionaries.
    static func bytes(_ t: Table) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inc-\(UUID().uuidString).arrow")
        defer { try? FileManager.default.removeItem(at: url) }
        try ArrowFileWriter.write(t, to: url, metadata: [:], compression: .none, durable: false)
        return try Data(contentsOf: url)
    }

    /// Month after month, the nightly chain equals the whole-history normalise.
    static func checkChain(_ extract: Table, layout: SourceLayout, deliveries: Int, months n: Int?) throws {
        let wholeFirst = Normaliser.normalise(firstDeliveries(extract, 1), layout: layout,
                                              superseded: n.map { superseded(deliveries: 1, months: $0) })
        var previous = wholeFirst
        for d in 2...deliveries {
            let before = firstDeliveries(extract, d - 1).rowCount
            let upToNow = firstDeliveries(extract, d)
            let asked = n.map { superseded(deliveries: d, months: $0) }
            let whole = Normaliser.normalise(upToNow, layout: layout, superseded: asked)
            let nightly = Normaliser.normalise(
                previous: .init(table: previous.table, versions: previous.superseded, extractRows: before),
                new: upToNow.suffix(from: before), layout: layout, superseded: asked)
            #expect(try bytes(nightly.table) == bytes(whole.table), "month \(d): normalised table")
            #expect(nightly.replaced == whole.replaced, "month \(d): replaced rows")
            #expect(try nightly.superseded.map(bytes) == whole.superseded.map(bytes), "month \(d): replaced versions")
            previous = nightly
        }
    }

    @Test("keyed source with replaced versions: each month from the previous one equals the whole history",
          arguments: [1 as UInt64, 2, 3, 4, 5])
    func keyedWithVersions(seed: UInt64) throws {
        let extract = Self.keyedExtract(deliveries: 16, seed: seed)
        // The versions kept must come from both places: the earlier months' and this month's.
        let all = Normaliser.normalise(extract, layout: SourceCatalog.taeller, superseded: Self.superseded(deliveries: 16, months: 3))
        #expect(all.replaced > 0 && (all.superseded?.rowCount ?? 0) > 0)
        try Self.checkChain(extract, layout: SourceCatalog.taeller, deliveries: 16, months: 3)
    }

    @Test("keyed source without replaced versions", arguments: [6 as UInt64, 7])
    func keyedWithoutVersions(seed: UInt64) throws {
        try Self.checkChain(Self.keyedExtract(deliveries: 12, seed: seed), layout: SourceCatalog.taeller, deliveries: 12, months: nil)
    }

    @Test("source without key: every row kept, ties in delivery order", arguments: [8 as UInt64, 9])
    func eventSource(seed: UInt64) throws {
        try Self.checkChain(Self.eventExtract(deliveries: 10, seed: seed), layout: SourceCatalog.tilmelding, deliveries: 10, months: nil)
    }

    /// A new row replacing a previous month's version puts that version among the replaced ones,
    /// known until the new row's month; one known only before the months asked for is dropped.
    @Test func replacedVersionsAreKeptForTheMonthsAsked() throws {
        func row(_ pnr: Int64, _ key: String, _ day: Int32, _ d: Int32, _ line: Int32) -> [Any] { [pnr, key, day, d, line] }
        let rows = [row(1, "a", 10, 0, 2), row(2, "b", 10, 0, 3), row(2, "b", 12, 1, 2), row(1, "a", 11, 3, 2)]
        let t = Table(columns: [
            Column(name: "pnr", data: .int64(rows.map { $0[0] as! Int64 })),
            Column(name: "periode_id", data: .utf8(StringStorage(rows.map { $0[1] as! String }))),
            Column(name: "foerste_dag", data: .date32(rows.map { $0[2] as! Int32 })),
            Column(name: "_delivery", data: .int32(rows.map { $0[3] as! Int32 })),
            Column(name: "_line", data: .int32(rows.map { $0[4] as! Int32 })),
        ])
        // M = 2020-04 (delivery 3), two months asked: 2020-02 and 2020-03. "b" of delivery 0 was
        // known only in 2020-01 (replaced from 2020-02): dropped. "a" of delivery 0 was known
        // until 2020-04: kept, with kendt_til 2020-04-01.
        let asked = Self.superseded(deliveries: 4, months: 2)
        let previousMonth = Normaliser.normalise(Self.firstDeliveries(t, 3), layout: SourceCatalog.taeller,
                                                 superseded: Self.superseded(deliveries: 3, months: 2))
        #expect(previousMonth.superseded?.rowCount == 1)   // "b" of delivery 0, known in 2020-01
        let nightly = Normaliser.normalise(
            previous: .init(table: previousMonth.table, versions: previousMonth.superseded, extractRows: 3),
            new: t.suffix(from: 3), layout: SourceCatalog.taeller, superseded: asked)
        let old = try #require(nightly.superseded)
        #expect(old.rowCount == 1)
        #expect(old.column("periode_id").text(at: 0) == "a")
        #expect(old.column(Normaliser.Superseded.replacedFrom).text(at: 0) == "2020-04-01")
        #expect(nightly.table.column("periode_id").text(at: 0) == "a")
        #expect(nightly.table.column("_delivery").int32Values == [3, 1])
        #expect(nightly.replaced == 2)
    }
}
