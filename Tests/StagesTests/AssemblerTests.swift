import ColumnStore
import Domain
@testable import Stages
import Testing
import YdelseIO

@Suite struct AssemblerTests {
    /// The normalised tables of the sample data for 2023-06, built in-process.
    static let tables: [String: Table] = {
        var out: [String: Table] = [:]
        for layout in SourceCatalog.all where PersonHistoryAssembler.sources.contains(layout.name) {
            let e = SourceExtractor(dataDirectory: Repo.sampleData.path).extract(layout, upTo: ym("2023-06"))
            out[layout.name] = Normaliser.normalise(e.table, layout: layout).table
        }
        return out
    }()

    /// What a person's history holds, as comparable numbers.
    struct Seen: Equatable, Sendable {
        var pnr: Int64
        var counts: [Int]
    }

    static func visit(partitions: Int, threads: Int) -> [Seen] {
        PersonHistoryAssembler(tables: tables, partitions: partitions).map(threads: threads) { h in
            Seen(pnr: h.pnr, counts: [h.birthDate == nil ? 0 : 1, h.dagpengeperioder.count, h.fleur.count, h.ky.count,
                                      h.ksd.count, h.fravaer.count, h.maalgruppe.count, h.bopael.count, h.forsoeg.count,
                                      h.samtaler.count, h.tilbud.count, h.tilmeldinger.count, h.eindkomst.count])
        }.flatMap { $0 }
    }

    @Test("the history reader's slot table names exactly the assembler's sources, in order, and marks the timeline sources")
    func sourceSlotsNameTheSources() {
        #expect(SourceSlots.Source.allCases.map(\.name) == PersonHistoryAssembler.sources)
        let slots = SourceSlots(Dictionary(uniqueKeysWithValues: PersonHistoryAssembler.sources.reversed().enumerated().map { ($1, $0) }))
        for s in SourceSlots.Source.allCases {
            #expect(slots[s] == PersonHistoryAssembler.sources.count - 1 - s.rawValue)
            #expect(slots.isTimeline(s) == PersonHistoryAssembler.timelineSources.contains(s.name))
        }
        #expect(SourceSlots(["ky": 0])[.fleur] == nil)
    }

    @Test func everyPersonOnceInPnrOrderWhateverThePartitioning() {
        let one = Self.visit(partitions: 1, threads: 1)
        #expect(zip(one, one.dropFirst()).allSatisfy { $0.pnr < $1.pnr })
        // Every row of every table reaches exactly one person (the sample holds no
        // rows the history reader leaves out).
        let pnrs = Set(Self.tables.values.flatMap { $0.column("pnr").int64Values })
        #expect(one.count == pnrs.count)
        let rows = PersonHistoryAssembler.sources.dropFirst().reduce(0) { $0 + Self.tables[$1]!.rowCount }
        #expect(one.reduce(0) { $0 + $1.counts.dropFirst().reduce(0, +) } == rows)
        for (partitions, threads) in [(3, 2), (16, 2), (5_000, 1)] {
            #expect(Self.visit(partitions: partitions, threads: threads) == one, "partitions \(partitions)")
        }
    }

    @Test func absentSourcesLeaveTheirPartEmpty() {
        let some = Self.tables.filter { ["person", "samtale"].contains($0.key) }
        let seen = PersonHistoryAssembler(tables: some, partitions: 4).map(threads: 2) { h in
            (h.pnr, h.samtaler.count, h.fleur.count + h.ky.count + h.tilbud.count)
        }.flatMap { $0 }
        #expect(seen.reduce(0) { $0 + $1.1 } == Self.tables["samtale"]!.rowCount)
        #expect(seen.allSatisfy { $0.2 == 0 })
        #expect(Set(seen.map(\.0)).count == seen.count)
    }
}
