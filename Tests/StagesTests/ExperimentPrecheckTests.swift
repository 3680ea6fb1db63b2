import ColumnStore
import Domain
import Testing
@testable import Stages

/// The experiment stages read only persons who can have a result: `forsoegsperiode` those with a
/// forsøg row, `forsoegsmaaling` those with a forsøg row or a dagpengeperiode starting in the
/// Tema 4 cohort quarter (FSG-4.0). The checks run on the columns before a history is built,
/// so they must never skip a person with output.
@Suite struct ExperimentPrecheckTests {
    @Test("FSG-0.2/FSG-0.3/FSG-4.0 the experiment pre-checks never skip a person with forløb, cohort periods or forsøgsperiode rows")
    func precheckSkipsOnlyPersonsWithoutOutput() async throws {
        let run = try await sampleRun("2023-06")
        let sources = ["person", "taeller", "fleur", "ky", "ksd", "fravaer", "maalgruppe", "bopael", "forsoeg",
                       "samtale", "tilbud", "tilmelding", "eindkomst"]
        let (tables, reader) = try normalisedReader(run, sources)
        var withFacts = 0, withPeriods = 0, skipped = 0, persons = 0
        for m in [run.month, run.month.advanced(by: -7)] {
            let quarter = DomainRules.standard.experiment.cohortQuarter(m)
            for group in CoGroup(tables, key: "pnr") {
                persons += 1
                let h = reader.history(pnr: group.key, rows: group.rows)
                let forsoeg = reader.hasRows(.forsoeg, rows: group.rows)
                let read = forsoeg || reader.hasDagpengeperiode(startingIn: quarter.first, min(quarter.last, m.last), rows: group.rows)
                let facts = ExperimentFactsCalculator.facts(for: h, month: m)
                let kept = !facts.forloeb.isEmpty || !facts.cohort.isEmpty || facts.unknownAkasse > 0
                let periods = ForsoegsperiodeCalculator.periods(for: h, month: m)
                #expect(read || !kept, "pnr \(group.key) \(m): has experiment facts but forsoegsmaaling's pre-check skips it")
                #expect(forsoeg || periods.isEmpty, "pnr \(group.key) \(m): has forsøgsperiode rows but the pre-check skips it")
                if kept { withFacts += 1 }
                if !periods.isEmpty { withPeriods += 1 }
                if !read { skipped += 1 }
            }
        }
        // The sample exercises both sides: persons with results, and persons the checks skip.
        #expect(withFacts > 0 && withPeriods > 0)
        #expect(skipped * 2 > persons, "skipped \(skipped) of \(persons) person-months")
    }
}
