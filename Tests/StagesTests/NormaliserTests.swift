import ColumnStore
import Testing
import YdelseIO
@testable import Stages

@Suite struct NormaliserTests {
    /// INPUTS.md "Deliveries": a later record with the same key replaces the earlier one,
    /// also across deliveries; rows come out sorted by pnr and date.
    @Test func keyedSourceKeepsLatestVersionSortedByPnr() {
        let layout = SourceCatalog.taeller
        let t = Table(columns: [
            Column(name: "pnr", data: .int64([2, 1, 2, 1])),
            Column(name: "periode_id", data: .utf8(StringStorage(["b", "a", "b", "c"]))),
            Column(name: "foerste_dag", data: .date32([100, 50, 100, 10])),
            Column(name: "sidste_dag", data: .date32([0, 0, 200, 0]), validity: Validity([false, false, true, false])),
            Column(name: "forsikring", data: .dictionary(DictionaryStorage(indices: [0, 0, 1, 0], values: ["H", "D"]))),
            Column(name: "_delivery", data: .int32([0, 0, 1, 1])),
            Column(name: "_line", data: .int32([2, 3, 2, 3])),
        ])
        let out = Normaliser.normalise(t, layout: layout)
        #expect(out.replaced == 1)
        #expect(out.table.column("pnr").int64Values == [1, 1, 2])
        #expect((0..<3).map { out.table.column("periode_id").text(at: $0) } == ["c", "a", "b"])
        // the surviving version of "b" is the one from delivery 1 with its end date and forsikring D
        #expect(out.table.column("sidste_dag").text(at: 2) == "1970-07-20")
        #expect(out.table.column("forsikring").text(at: 2) == "D")
    }

    /// Event sources are never deduplicated: two identical payments are two payments.
    @Test func eventSourceKeepsEveryRow() {
        let layout = SourceCatalog.tilmelding
        let t = Table(columns: [
            Column(name: "pnr", data: .int64([5, 5])),
            Column(name: "dato", data: .date32([7, 7])),
            Column(name: "_delivery", data: .int32([0, 1])),
            Column(name: "_line", data: .int32([2, 2])),
        ])
        let out = Normaliser.normalise(t, layout: layout)
        #expect(out.replaced == 0)
        #expect(out.table.rowCount == 2)
        #expect(out.table.column("_delivery").int32Values == [0, 1])
    }

    /// `_tie` replaces the extract's `_line`: a person's rows with the same sort date from the same
    /// delivery are numbered in line order, counting the rows that were replaced since, so a current
    /// row and a replaced version of the same delivery still order as their lines did (CONV-3).
    @Test func tieNumbersEqualRowsOfADeliveryInLineOrder() throws {
        let layout = SourceCatalog.taeller
        // Delivery 0: three rows of person 1 on day 100 (lines 2, 3, 5) and one of person 2;
        // delivery 1 replaces "b" (line 3 of delivery 0).
        let t = Table(columns: [
            Column(name: "pnr", data: .int64([1, 1, 2, 1, 1])),
            Column(name: "periode_id", data: .utf8(StringStorage(["a", "b", "x", "c", "b"]))),
            Column(name: "foerste_dag", data: .date32([100, 100, 100, 100, 100])),
            Column(name: "sidste_dag", data: .date32([0, 0, 0, 0, 0]), validity: Validity([false, false, false, false, false])),
            Column(name: "forsikring", data: .dictionary(DictionaryStorage(indices: [0, 0, 0, 0, 0], values: ["H", "D"]))),
            Column(name: "_delivery", data: .int32([0, 0, 0, 0, 1])),
            Column(name: "_line", data: .int32([2, 3, 4, 5, 2])),
        ])
        let months = [YearMonth(year: 2020, month: 1), YearMonth(year: 2020, month: 2)]
        let out = Normaliser.normalise(t, layout: layout, superseded: .init(deliveryMonths: months, months: months[0]...months[0]))
        #expect(out.table.columns.map(\.name).suffix(2) == ["_delivery", "_tie"])
        #expect((0..<out.table.rowCount).map { out.table.column("periode_id").text(at: $0)! } == ["a", "c", "b", "x"])
        #expect(out.table.column("_tie").int32Values == [0, 2, 0, 0])
        let old = try #require(out.superseded)
        #expect(old.column("periode_id").text(at: 0) == "b")
        #expect(old.column("_tie").int32Values == [1])
    }
}
