import Foundation
import ReferenceData
import Testing
@testable import Generator

@Suite(.serialized) struct ValidationTests {
    /// Every generated file passes the independent INPUTS.md validator, across the 2025-07 conversion.
    @Test func generatedFilesFollowInputsMd() throws {
        let (dir, summary) = try Support.generate("val", persons: 400, from: "2019-01", to: "2025-12", seed: 11)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scan = try DeliveryScan(dir)
        #expect(scan.files == Source.allCases.count * Support.monthCount("2019-01", "2025-12"))
        #expect(summary.files == scan.files)
        #expect(scan.problems.isEmpty, "\(scan.problems.prefix(20))")
        for (source, n) in summary.rowsPerSource { #expect(scan.rows[source] == n, "\(source)") }
        #expect(scan.kinds.contains("satsM") && scan.kinds.contains("satsG") && scan.kinds.contains("satsH"))
        #expect(scan.kinds.contains("kontaktgruppe12") && scan.kinds.contains("kontaktgruppe2"))
        #expect(scan.fravaerCodes.contains("91") && scan.fravaerCodes.contains("92"))
    }

    /// The committed sample data: valid, and with every feature the rules need.
    @Test func sampleDataIsValidAndPlausible() throws {
        let dir = Support.repoRoot + "/sample-data"
        try #require(FileManager.default.fileExists(atPath: dir + "/person"),
                     "sample-data/ is missing from the checkout; `make sample-data` makes it")
        let scan = try DeliveryScan(dir)
        // sample-data covers 2019-01..2023-06 (README; `make sample-data`), every source every month.
        #expect(scan.files == Source.allCases.count * Support.monthCount("2019-01", "2023-06"))
        #expect(scan.problems.isEmpty, "\(scan.problems.prefix(20))")
        #expect(scan.persons.count >= 2000)

        // Every benefit group has persons; dagpenge is the largest group.
        for g in ["AD", "SDP", "KH", "UH", "SHO", "SHOP", "REV", "FREV", "RES", "JAF", "LED", "SKH", "FTP"] {
            #expect((scan.groupPersons[g]?.count ?? 0) >= 10, "group \(g)")
        }
        let ad = Double(scan.groupPersons["AD"]!.count) / Double(scan.persons.count)
        #expect(ad > 0.25 && ad < 0.8)
        let kh = Double(scan.groupPersons["KH"]!.count) / Double(scan.persons.count)
        #expect(kh > 0.05 && kh < 0.7, "\(kh)")

        // Experiment: a-kasse shares with 3F-A largest, Min-A and BUPL-A small; every årsag.
        var perAkasse: [Substring: Int] = [:]
        for a in scan.forloebAkasse.values { perAkasse[a, default: 0] += 1 }
        let total = scan.forloebAkasse.count
        #expect(total >= 150)
        let top = perAkasse.max { $0.value < $1.value }!.key
        #expect(top == "01")
        #expect(Double(perAkasse["08", default: 0]) / Double(total) < 0.05)
        #expect(Double(perAkasse["02", default: 0]) / Double(total) < 0.05)
        #expect(perAkasse.keys.allSatisfy { Int($0)! <= 9 })
        for code in ["TI", "UP", "FA", "KE", "ND", "UA"] {
            #expect(scan.forloebAarsag.values.contains(Substring(code)), "aarsag \(code)")
        }
        let fa = scan.forloebAarsag.values.filter { $0 == "FA" }.count
        #expect(Double(fa) / Double(total) > 0.3)

        // Talks per person per benefit month in a sane range.
        let talksPerMonth = Double(scan.talkDays.count) / Double(scan.benefitMonths.count)
        #expect(talksPerMonth > 0.3 && talksPerMonth < 1.5, "\(talksPerMonth)")
        // Share of benefit recipients with any fravær registration.
        let onBenefit = scan.groupPersons.values.reduce(into: Set<Substring>()) { $0.formUnion($1) }
        let exempt = Double(scan.fravaerPersons.count) / Double(onBenefit.count)
        #expect(exempt > 0.1 && exempt < 0.7, "\(exempt)")
        for k in ["1", "90", "92", "10", "11", "53", "65", "66", "77", "78", "79"] {
            #expect(scan.fravaerCodes.contains(Substring(k)), "fravaer \(k)")
        }
        for k in ["reversal", "fleur01", "fleur02", "fleur03", "fleur04", "fleur05", "fleur06", "fleur07", "fradrag",
                  "loentilskud", "talkJOB", "talkFJOB", "talkCV", "talkRAAD", "talkSYG", "formP", "formT", "formD",
                  "holderJC", "holderAK", "holderAA", "tilbudVO", "tilbudJRU", "tilbudVP", "tilbudLT", "tilbudRAT", "tilbudAK",
                  "kontaktgruppe1", "kontaktgruppe2", "kontaktgruppe12"] {
            #expect(scan.kinds.contains(k), "feature \(k)")
        }
    }

    @Test func permittedPairsMatchSeed004() {
        var per: [String: Int] = [:]
        for p in ExperimentPair.all { per[p.akasse, default: 0] += 1 }
        #expect(per == ["01": 55, "02": 7, "03": 83, "04": 83, "05": 36, "06": 45, "07": 4, "08": 10, "09": 83])
        for a in ["01", "02", "03", "04", "05", "06", "07", "08", "09"] {
            #expect(ExperimentPair.isPermitted(akasse: a, kommune: "101"))
            #expect(ExperimentPair.isPermitted(akasse: a, kommune: "751"))
        }
        #expect(!ExperimentPair.isPermitted(akasse: "03", kommune: "851"))   // Aalborg: frikommune
        let kommuner = Set(Kommune.all.map(\.code))
        #expect(ExperimentPair.all.allSatisfy { kommuner.contains($0.kommune) })
    }
}
