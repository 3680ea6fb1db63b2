import ReferenceData
import Testing

@Suite struct ReferenceTablesTests {
    @Test("the compiled-in kommuner, a-kasser and experiment pairs load in full and agree with each other")
    func bundledTablesLoad() {
        #expect(Kommune.all.count == 98)
        #expect(Set(Kommune.all.map(\.code)).count == 98)
        #expect(Kommune.all.allSatisfy { $0.code.count == 3 && $0.population > 0 })
        #expect(AKasse.all.count == 30)
        #expect(AKasse.experiment.map(\.code) == ["01", "02", "03", "04", "05", "06", "07", "08", "09"])
        #expect(!ExperimentPair.all.isEmpty)
        #expect(ExperimentPair.all.allSatisfy { AKasse.byCode[$0.akasse]?.inExperiment == true && Kommune.byCode[$0.kommune] != nil })
    }

    @Test("a kommuner table without a column, or with a population that is not a number, is an error naming file and line")
    func kommunerErrors() throws {
        let noColumn = try ReferenceTable.parse(name: "kommuner", text: "kode;navn\n101;København\n")
        let noColumnError = #expect(throws: ReferenceDataError.self) { try Kommune.kommuner(in: noColumn) }
        #expect(noColumnError?.description == "reference data kommuner.csv:1: no column indbyggere (columns: kode, navn)")
        let badNumber = try ReferenceTable.parse(name: "kommuner", text: "kode;navn;indbyggere\n101;København;653664\n147;Frederiksberg;many\n")
        let badNumberError = #expect(throws: ReferenceDataError.self) { try Kommune.kommuner(in: badNumber) }
        #expect(badNumberError?.description == "reference data kommuner.csv:3: indbyggere many is not a whole number")
        let good = try ReferenceTable.parse(name: "kommuner", text: "kode;navn;indbyggere\n101;København;653664\n")
        let read = try Kommune.kommuner(in: good)
        #expect(read.map(\.code) == ["101"] && read.map(\.name) == ["København"] && read.map(\.population) == [653664])
    }

    @Test("an a-kasser table with a forsoeg value other than J or N is an error naming file and line")
    func akasserErrors() throws {
        let bad = try ReferenceTable.parse(name: "akasser", text: "kode;kortnavn;navn;forsoeg\n01;3F-A;3F's A-kasse;J\n10;X-A;X;ja\n")
        let error = #expect(throws: ReferenceDataError.self) { try AKasse.akasser(in: bad) }
        #expect(error?.description == "reference data akasser.csv:3: forsoeg ja is neither J nor N")
        let good = try ReferenceTable.parse(name: "akasser", text: "kode;kortnavn;navn;forsoeg\n01;3F-A;3F's A-kasse;J\n10;X-A;X;N\n")
        #expect(try AKasse.akasser(in: good).map(\.inExperiment) == [true, false])
    }
}
