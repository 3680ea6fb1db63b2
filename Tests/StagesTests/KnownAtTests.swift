import ColumnStore
import Domain
import Foundation
import Testing
import YdelseIO
@testable import Stages

/// CONV-3 for the focus measure's earlier months: a person's history read as known at month m
/// from the normalised tables of M plus the replaced versions normalise keeps
/// (`<source>_versioner`) equals the history a run of month m builds (its extracts' rows of the
/// deliveries up to m, normalised).
@Suite struct KnownAtTests {
    static func emptyHistory(_ pnr: Int64) -> PersonHistory {
        PersonHistory(pnr: pnr, birthDate: nil, dagpengeperioder: [], fleur: [], ky: [], ksd: [], fravaer: [], maalgruppe: [],
                      bopael: [], forsoeg: [], samtaler: [], tilbud: [], tilmeldinger: [], eindkomst: [])
    }

    /// The assembler the focus months read for the 11 months before a sample run's M (normalised
    /// with the replaced versions known then), the months, and what it was made from.
    static func knownAtAssembler(_ run: SampleRun) throws
        -> (PersonHistoryAssembler, [YearMonth], extracts: [String: Table], deliveryMonths: [String: [YearMonth]], superseded: [String: Table]) {
        let extractor = SourceExtractor(dataDirectory: run.data.path)
        let months = run.month.advanced(by: -11)...run.month.advanced(by: -1)
        var extracts: [String: Table] = [:], deliveryMonths: [String: [YearMonth]] = [:]
        var current: [String: Table] = [:], superseded: [String: Table] = [:]
        for name in JobsamtalerStage.sources {
            let layout = try #require(SourceCatalog.layout(named: name))
            let extract = try run.extractTable(name)
            extracts[name] = extract
            deliveryMonths[name] = try extractor.deliveries(of: layout, upTo: run.month).map(\.month)
            let o = Normaliser.normalise(extract, layout: layout,
                                         superseded: layout.key == nil ? nil : .init(deliveryMonths: deliveryMonths[name]!, months: months))
            current[name] = o.table
            superseded[name] = o.superseded
        }
        let list = Array(stride(from: months.lowerBound, through: months.upperBound, by: 1))
        let assembler = PersonHistoryAssembler(current: current, superseded: superseded, deliveryMonths: deliveryMonths, partitions: 3)
        return (assembler, list, extracts, deliveryMonths, superseded)
    }

    @Test("CONV-3 every person's history known at each of the 11 months before M = the history of a run of that month")
    func historiesEqualSeparateNormalising() async throws {
        let run = try await sampleRun("2022-03")
        let (assembler, list, extracts, deliveryMonths, superseded) = try Self.knownAtAssembler(run)
        // The sample has replaced versions known in the window, so the merge is exercised.
        #expect(superseded.values.contains { $0.rowCount > 0 })

        var versioned: [YearMonth: [Int64: PersonHistory]] = [:]
        for part in assembler.mapMonths(list, { m, h in (m, h.complete(), h.timeline) }) {
            for (m, h, timeline) in part {
                versioned[m, default: [:]][h.pnr] = h
                // The first step reads the timeline sources alone, the same rows as the whole history.
                #expect(timeline == PersonHistory(pnr: h.pnr, birthDate: h.birthDate, dagpengeperioder: h.dagpengeperioder,
                                                  fleur: h.fleur, ky: h.ky, ksd: h.ksd, fravaer: h.fravaer, maalgruppe: h.maalgruppe,
                                                  bopael: h.bopael, forsoeg: [], samtaler: [], tilbud: [], tilmeldinger: [], eindkomst: []))
            }
        }

        for m in list {
            // What a run of month m normalises: the extract rows of the deliveries up to m.
            var tables: [String: Table] = [:]
            for (name, extract) in extracts {
                let layout = SourceCatalog.layout(named: name)!
                let last = Int32(deliveryMonths[name]!.lastIndex { $0 <= m } ?? -1)
                let d = extract.column("_delivery").int32Values
                tables[name] = Normaliser.normalise(extract.filter { d[$0] <= last }, layout: layout).table
            }
            var expected: [Int64: PersonHistory] = [:]
            for part in PersonHistoryAssembler(tables: tables, partitions: 3).map({ $0 }) { for h in part { expected[h.pnr] = h } }
            let got = versioned[m] ?? [:]
            var differing = 0
            for (pnr, h) in expected where got[pnr] != h { differing += 1 }
            for (pnr, h) in got where expected[pnr] == nil && h != Self.emptyHistory(pnr) { differing += 1 }
            #expect(differing == 0, "\(m): \(differing) persons differ from a run of that month")
            #expect(!expected.isEmpty)
        }
    }

    @Test("the benefit pre-check never skips a person with a benefit record or a durations row or counter in the month, and skips most without one")
    func benefitPrecheckIsASuperset() async throws {
        let run = try await sampleRun("2022-03")
        let (tables, reader) = try normalisedReader(run, JobsamtalerStage.sources)
        var skipped = 0, without = 0, withDuration = 0
        for group in CoGroup(tables, key: "pnr") {
            let h = reader.history(pnr: group.key, rows: group.rows)
            for m in [run.month, run.month.advanced(by: -5), YearMonth(year: 2020, month: 4)] {
                let may = reader.mayHaveBenefit(rows: group.rows, in: m)
                let has = h.hasBenefitRecord(in: m)
                #expect(may || !has, "pnr \(group.key) \(m): has a benefit record but the pre-check skips it")
                // The durations stage skips the same persons: nothing of theirs may be lost.
                let d = DurationCalculator.durations(for: h, month: m)
                let counted = d.counters.missingPerson + d.counters.noDagpengeperiode + d.counters.negativeNetGroups
                #expect(may || (d.rows.isEmpty && counted == 0), "pnr \(group.key) \(m): durations has output but the pre-check skips it")
                if !d.rows.isEmpty || counted > 0 { withDuration += 1 }
                if !has { without += 1; if !may { skipped += 1 } }
            }
        }
        #expect(without > 0 && skipped * 10 >= without * 9, "skipped \(skipped) of \(without) person-months without a record")
        #expect(withDuration > 0)
    }

    @Test("CONV-3 hand-worked versions: replaced from the month of the replacing delivery; two versions in one month keep the later")
    func handWorkedSuperseded() throws {
        let layout = try #require(SourceCatalog.layout(named: "samtale"))
        let key = try #require(layout.key)
        // Deliveries: 0 = 2023-01, 1 = 2023-02, 2 = 2023-02 (a re-delivery), 3 = 2023-04, 4 = 2023-05.
        let deliveryMonths = [YearMonth(year: 2023, month: 1), YearMonth(year: 2023, month: 2), YearMonth(year: 2023, month: 2),
                              YearMonth(year: 2023, month: 4), YearMonth(year: 2023, month: 5)]
        // A: versions in 0 and 3; B: in 1 and 2 (same month); C: only in 2; D: in 0 and 4 (replaced in M itself).
        let rows: [(key: String, delivery: Int32, pnr: Int64)] = [("A", 0, 2), ("D", 0, 4), ("B", 1, 1), ("B", 2, 1), ("C", 2, 3),
                                                                   ("A", 3, 2), ("D", 4, 4)]
        let table = Table(columns: [
            Column(name: "pnr", data: .int64(rows.map(\.pnr))),
            Column(name: key, data: .utf8(StringStorage(rows.map(\.key)))),
            Column(name: "dato", data: .date32(rows.map { _ in 19_000 })),
            Column(name: "_delivery", data: .int32(rows.map(\.delivery))),
            Column(name: "_line", data: .int32(rows.indices.map { Int32($0) })),
        ])
        // M = 2023-05; the window is 2023-01..2023-04.
        let o = Normaliser.normalise(table, layout: layout, superseded: .init(deliveryMonths: deliveryMonths,
                                                                             months: YearMonth(year: 2023, month: 1)...YearMonth(year: 2023, month: 4)))
        func cells(_ t: Table) -> [String] {
            (0..<t.rowCount).map { t.column(key).text(at: $0)! + "@" + String(t.column("_delivery").int32Values[$0]) }
        }
        #expect(cells(o.table) == ["B@2", "A@3", "C@2", "D@4"])       // pnr order
        let old = try #require(o.superseded)
        #expect(cells(old) == ["A@0", "D@0"])                        // B@1 was never known (replaced in its own month)
        #expect(old.column(Normaliser.Superseded.replacedFrom).text(at: 0) == "2023-04-01")
        #expect(old.column(Normaliser.Superseded.replacedFrom).text(at: 1) == "2023-05-01")
        #expect(o.replaced == 3)
    }
}
