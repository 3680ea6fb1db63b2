import ColumnStore
import Domain
import Testing
@testable import Stages

private func d(_ s: String) -> Day { Day(iso: s)! }

/// The nightly `spells` stage checks the carry-over (CONV-11) on a person's rows in the
/// normalised columns before it builds a history (``HistoryReader/keepsSpells(rows:_:)``): when
/// that check passes, ``SpellCarryOver/holds(_:from:to:earlierOpenBesidesAD:)`` must pass on the
/// history, or a person whose spells changed would keep M-1's rows.
@Suite struct SpellCarryOverColumnsTests {
    @Test("CONV-11 the column check of the spells carry-over never keeps a person the history check would compute")
    func columnCheckImpliesHistoryCheck() async throws {
        let run = try await sampleRun("2023-06")
        let (tables, reader) = try normalisedReader(run, PersonHistoryAssembler.timelineSources)
        var passed = 0, failed = 0
        // Month pairs around the sample's month, with the one where the labels change skipped.
        let months = (1...12).map { run.month.advanced(by: -$0) }
        for group in CoGroup(tables, key: "pnr") {
            let h = reader.history(pnr: group.key, rows: group.rows)
            for later in months {
                let earlier = later.advanced(by: -1)
                let window = SpellCarryOver.Window(from: earlier, to: later)
                let columns = reader.keepsSpells(rows: group.rows, window)
                let history = SpellCarryOver.holds(h, from: earlier, to: later, earlierOpenBesidesAD: false)
                #expect(!columns || history, "pnr \(group.key) \(earlier)→\(later): the columns keep what the history would not")
                if columns { passed += 1 } else { failed += 1 }
            }
        }
        // Not vacuous: persons pass and fail on the columns.
        #expect(passed > 100 && failed > 100, "passed \(passed), failed \(failed)")
    }

    @Test("CONV-11 worked example: a ky line reaching into M fails the column check, one ended by M-1 passes")
    func kyLineIntoM() {
        let w = SpellCarryOver.Window(from: ym("2025-09"), to: ym("2025-10"))
        #expect(!w.keepsPayment(from: d("2025-08-01"), to: d("2025-10-15")))
        #expect(w.keepsPayment(from: d("2025-08-01"), to: d("2025-09-30")))
        #expect(w.keepsPayment(from: d("2025-11-01"), to: d("2025-11-30")))
        #expect(!w.keepsKsd(start: d("2025-01-01"), slut: nil))
        #expect(w.keepsKsd(start: d("2025-01-01"), slut: d("2025-09-30")))
        #expect(!w.keepsBopael(from: d("2025-10-15"), to: nil))
        #expect(!w.keepsBopael(from: d("2000-01-01"), to: d("2025-09-30")))
        #expect(w.keepsBopael(from: d("2000-01-01"), to: d("2025-10-31")))
    }
}
