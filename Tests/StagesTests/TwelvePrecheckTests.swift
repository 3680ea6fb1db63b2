import ColumnStore
import Domain
import Testing
@testable import Stages

/// The focus months' pre-check (``HistoryReader/mayReachTwelve(rows:in:)``): a person-month
/// it skips must have no row in a focus cell (FOCUS-1: POP-7 rows at "12 måneder og derover").
@Suite struct TwelvePrecheckTests {
    @Test("FOCUS-1 pre-check: a skipped person-month (as known then) has no focus row and no spell of 12 months or more; some are skipped",
          arguments: ["2020-10", "2022-03"])
    func skipsOnlyPersonMonthsThatCannotReachTwelve(_ month: String) async throws {
        let run = try await sampleRun(month)
        let (assembler, months, _, _, _) = try KnownAtTests.knownAtAssembler(run)
        let rules = DomainRules.standard
        let twelve = rules.skema1.summary[1].label
        // Every person-month with a benefit record: its focus rows and whether a spell reached 12+.
        let measured = assembler.mapMonths(months, where: { r, rows, m in r.mayHaveBenefit(rows: rows, in: m) }) { m, h in
            let whole = h.complete()
            let focus = JobsamtaleMeasurement.measure(h.timeline, month: m, scope: .focus, talkSources: h.complete).persons.count
            let long = DurationCalculator.durations(for: whole, month: m).rows.contains { $0.summary == twelve }
            return (key: "\(m) \(whole.pnr)", focus: focus, long: long)
        }.joined()
        let kept = Set(assembler.mapMonths(months, where: { r, rows, m in
            r.mayHaveBenefit(rows: rows, in: m) && r.mayReachTwelve(rows: rows, in: TwelveMonthWindow(m, rules: rules))
        }) { m, h in "\(m) \(h.timeline.pnr)" }.joined())
        var skipped = 0, focusRows = 0, long = 0
        for p in measured {
            focusRows += p.focus
            if p.long { long += 1 }
            guard !kept.contains(p.key) else { continue }
            skipped += 1
            #expect(p.focus == 0 && !p.long, "\(p.key): skipped, but it has a focus row or a spell of 12 months or more")
        }
        #expect(focusRows > 0 && long > 0, "the sample has focus rows to lose")
        #expect(skipped > 0, "the pre-check skips nothing")
        print("TwelvePrecheck \(month): \(skipped) of \(measured.count) person-months with a benefit record skipped; \(long) with a 12+ spell")
    }
}
