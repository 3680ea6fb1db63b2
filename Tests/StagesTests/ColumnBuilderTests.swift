import ColumnStore
@testable import Domain
import Testing
@testable import Stages

@Suite struct ColumnBuilderTests {
    @Test("ColumnBuilder.tables: every table gets its own columns, in order, whatever the tables' sizes")
    func tablesKeepTheirColumns() {
        func maker(_ name: String, _ v: Int32) -> @Sendable () -> Column { { Column(name: name, data: .int32([v, v + 1])) } }
        let makers: [[@Sendable () -> Column]] = [[maker("a", 1), maker("b", 2)], [], [maker("c", 3)], [maker("d", 4), maker("e", 5), maker("f", 6)]]
        let tables = ColumnBuilder.tables(makers)
        #expect(tables.map { $0.columns.map(\.name) } == [["a", "b"], [], ["c"], ["d", "e", "f"]])
        #expect(tables[3].column("e").int32Values == [5, 6])
        #expect(ColumnBuilder.tables([]).isEmpty)
    }

    @Test("SpellsStage.columns over chunks = the table of the chunks' rows one after the other")
    func spellColumnsOverChunks() {
        func row(_ i: Int) -> SpellsStage.Row {
            let start = Day(rawValue: Int32(19_000 + i)), last = Day(rawValue: Int32(19_050 + i))
            let slut: Day? = i % 3 == 0 ? nil : Day(rawValue: Int32(19_100 + i))
            let kommune: String? = i == 4 ? nil : "1\(i)1"
            let group: BenefitGroup = i % 2 == 0 ? .ad : .kh
            return SpellsStage.Row(Spell(pnr: Int64(100 + i), group: group, start: start, slut: slut, lastBenefitDay: last,
                                         sats: nil, kommuneUltimo: kommune, forsikring: nil, periodeId: nil, periodEnd: nil,
                                         benefitDays: [], endedByKontaktgruppe: false, startedByKontaktgruppe: false))
        }
        let rows = (0..<7).map(row)
        let month = YearMonth(year: 2025, month: 6)
        let whole = SpellsStage.table(rows, month: month)
        let chunked = ColumnBuilder.tables([SpellsStage.columns([Array(rows[0..<3]), [], Array(rows[3...])], month: month)])[0]
        #expect(chunked.rowCount == 7)
        // The rows' own values, one after the other across the chunks.
        #expect((0..<7).map { chunked.column("pnr").text(at: $0) } == rows.map { PnrText.of($0.pnr) })
        #expect((0..<7).map { chunked.column("kommune_ultimo").isNull($0) ? nil : chunked.column("kommune_ultimo").text(at: $0) }
                == rows.map(\.kommuneUltimo))
        #expect((0..<7).map { chunked.column("slut").isNull($0) } == rows.map { $0.slut == nil })
        for (a, b) in zip(whole.columns, chunked.columns) {
            #expect(a.name == b.name && a.validity == b.validity)
            let left: [String?] = (0..<7).map { a.text(at: $0) }, right: [String?] = (0..<7).map { b.text(at: $0) }
            #expect(left == right, "column \(a.name)")
        }
    }
}
