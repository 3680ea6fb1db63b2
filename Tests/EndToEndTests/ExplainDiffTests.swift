import Foundation
import Testing

/// `ydelse explain` and `ydelse diff` run as a user would, on a copy of the sample data with
/// hand-built persons added to the deliveries of 2023-06 (issue: explain one number, diff two
/// runs). The persons' expected counts are worked out by hand from RULES.md below.
@Suite(.serialized) struct ExplainDiffTests {
    static let month = "2023-06"

    /// Hand-built lines per source (appended to `<source>_202306`).
    ///
    /// - 9900000001 (P1), KH 2023-01-01..06-30 in Aarhus (751); barsel (code 1) on 2023-05-05.
    ///   DUR-1: 181 days − 1 dead = 180 → "5 måneder". Talks: 02-10 JOB P (F1, counts: TALK-5),
    ///   03-01 JOB T (before 2023-03-22, no TALK-6 exception: not counted), 04-05 CV P (TALK-2),
    ///   04-10 JOB T (after F1 from 2023-03-22: counts, TALK-5), 05-05 JOB P on the barsel day
    ///   (DEAD-3). Counted: 2.
    /// - 9900000002 (P2), KH in June only, barsel all June: not measured (POP-5).
    /// - 9900000003 (P3), a person with no benefit: not measured (POP-1).
    /// - 9900000004 (P4), a MA-A forløb from 2023-05-01 with one a-kasse jobsamtale (FSG-0.5/0.6).
    /// - 9900000005 (P5), KH 2023-01-01..05-31 and 06-01..06-30 (two lines).
    static let lines: [String: [String]] = [
        "person": (1...5).map { "990000000\($0);1980-01-01" },
        "bopael": (1...5).map { "990000000\($0);B990000000\($0);751;2000-01-01;" },
        "ky": [
            "9900000001;KH;;2023-01-01;2023-06-30;751;N",
            "9900000002;KH;;2023-06-01;2023-06-30;751;N",
            "9900000005;KH;;2023-01-01;2023-05-31;751;N",
            "9900000005;KH;;2023-06-01;2023-06-30;751;N",
        ],
        "fravaer": ["9900000001;FR9900000001;1;2023-05-05;2023-05-05", "9900000002;FR9900000002;1;2023-06-01;2023-06-30"],
        "samtale": [
            "9900000001;S9900000001a;2023-02-10;JOB;P;JC;J;751;",
            "9900000001;S9900000001b;2023-03-01;JOB;T;JC;J;751;",
            "9900000001;S9900000001c;2023-04-05;CV;P;JC;J;751;",
            "9900000001;S9900000001d;2023-04-10;JOB;T;JC;J;751;",
            "9900000001;S9900000001e;2023-05-05;JOB;P;JC;J;751;",
            "9900000004;S9900000004a;2023-05-10;JOB;P;AK;J;751;07",
        ],
        "forsoeg": ["9900000004;FX9900000004;07;751;2023-05-01;;;H"],
    ]

    static let p1 = "9900000001", p2 = "9900000002", p3 = "9900000003", p4 = "9900000004", p5 = "9900000005"

    /// A data folder: the sample data with the hand-built lines, then `change` applied.
    static func data(tag: String, change: [String: ([String]) -> [String]] = [:]) async throws -> URL {
        let data = try E2E.smallData(through: "202306", tag: tag)
        for (source, extra) in lines {
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent(source).path)
                .first { $0.hasPrefix("\(source)_202306") })
            try await editDelivery(data.appendingPathComponent(source).appendingPathComponent(file)) { existing in
                let all = extra
                let mine = (change[source] ?? { $0 })(all)
                return existing + mine.map { Data($0.utf8) }
            }
        }
        return data
    }

    /// One run of the month into a fresh out folder; returns the run folder.
    static func run(_ data: URL, tag: String) async throws -> URL {
        let out = try E2E.tempDirectory(tag)
        let r = try await ydelse(["run", "--data", data.path, "--month", month, "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r)")
        return out.appendingPathComponent("202306")
    }

    struct Explained: Decodable {
        struct Section: Decodable { var title: String; var steps: [Step] }
        struct Step: Decodable { var rule: String; var text: String }
        var measured: Bool
        var notMeasuredReason: String?
        var sections: [Section]
        var rules: [String] { sections.flatMap { $0.steps.map(\.rule) } }
    }

    static func explain(_ runFolder: URL, _ pnr: String) async throws -> Explained {
        let r = try await ydelse(["explain", "--out", runFolder.deletingLastPathComponent().path, "--month", month, "--pnr", pnr, "--json"])
        #expect(r.status == 0, "\(r)")
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return try d.decode(Explained.self, from: Data(r.stdout.utf8))
    }

    @Test("explain: hand-built persons give the steps and rule IDs worked out by hand; counts equal maalte")
    func explainHandBuilt() async throws {
        let runFolder = try await Self.run(try await Self.data(tag: "explain"), tag: "explain-out")

        let p1 = try await Self.explain(runFolder, Self.p1)
        #expect(p1.measured)
        for rule in ["SPELL-3", "POP-1", "POP-3", "POP-4", "DUR-1", "INT-2", "WIN-1", "EXEMPT-2", "EXEMPT-3", "EXEMPT-4",
                     "TALK-9", "TALK-5", "TALK-6", "TALK-2", "DEAD-3", "TALK-1", "KOM-1", "MEAS-1", "POP-7"] {
            #expect(p1.rules.contains(rule), "P1 cites \(rule): \(p1.rules)")
        }
        let steps = p1.sections.flatMap(\.steps)
        #expect(steps.contains { $0.rule == "DUR-1" && $0.text.contains("181 calendar days − 1 dead = 180 days") })
        #expect(steps.contains { $0.rule == "INT-2" && $0.text.contains("5 måneder") })
        #expect(steps.contains { $0.rule == "TALK-1" && $0.text.hasPrefix("2 distinct date(s)") && $0.text.contains("2023-02-10, 2023-04-10") })
        func verdict(_ date: String) -> (String, Bool)? {
            steps.first { $0.text.hasPrefix(date) && $0.text.contains(" JOB ") || $0.text.hasPrefix(date) && $0.text.contains(" CV ") }
                .map { ($0.rule, $0.text.contains(": counts")) }
        }
        #expect(verdict("2023-02-10")! == ("TALK-5", true))
        #expect(verdict("2023-03-01")! == ("TALK-6", false))
        #expect(verdict("2023-04-05")! == ("TALK-2", false))
        #expect(verdict("2023-04-10")! == ("TALK-5", true))
        #expect(verdict("2023-05-05")! == ("DEAD-3", false))
        // The checkpoint agrees: explain compares its evaluation with maalte and says when they differ.
        #expect(!steps.contains { $0.text.contains("disagrees") }, "\(steps)")

        let p2 = try await Self.explain(runFolder, Self.p2)
        #expect(!p2.measured && p2.notMeasuredReason?.hasPrefix("POP-5") == true, "\(p2.notMeasuredReason ?? "")")
        let p3 = try await Self.explain(runFolder, Self.p3)
        #expect(!p3.measured && p3.notMeasuredReason?.hasPrefix("POP-1") == true, "\(p3.notMeasuredReason ?? "")")
        let p4 = try await Self.explain(runFolder, Self.p4)
        let p4steps = p4.sections.flatMap(\.steps)
        #expect(p4steps.contains { $0.rule == "FSG-0.2" && $0.text.contains("MA-A") && $0.text.contains("open at 2023-06-30") })
        #expect(p4steps.contains { $0.rule == "FSG-0.6" && $0.text.contains("1 unique") })
        #expect(p4steps.contains { $0.rule == "FSG-0.3" })

        // Bad usage and a run folder of another version are refused in words.
        let bad = try await ydelse(["explain", "--out", runFolder.deletingLastPathComponent().path, "--month", "2023-6", "--pnr", Self.p1])
        #expect(bad.status == 2, "\(bad)")
        let other = try await Self.otherVersion(runFolder)
        let refused = try await ydelse(["explain", "--out", other.deletingLastPathComponent().path, "--month", Self.month, "--pnr", Self.p1])
        #expect(refused.status == 1 && refused.stderr.contains("another version of ydelse"), "\(refused)")
    }

    /// A copy of a run folder whose run.json says its jobsamtaler stage came from other code.
    static func otherVersion(_ runFolder: URL) async throws -> URL {
        let copy = try E2E.tempDirectory("other").appendingPathComponent("202306")
        try FileManager.default.copyItem(at: runFolder, to: copy)
        let url = copy.appendingPathComponent("run.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var stages = try #require(json["stages"] as? [[String: Any]])
        for i in stages.indices where stages[i]["name"] as? String == "jobsamtaler" { stages[i]["code_version"] = "jobsamtaler-0" }
        json["stages"] = stages
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        return copy
    }

    @Test("diff: one changed talk, one removed payment and one replaced forløb name exactly their cells, persons and forløb")
    func diffNamesWhatChanged() async throws {
        let a = try await Self.run(try await Self.data(tag: "diff-a"), tag: "diff-a-out")
        let changedData = try await Self.data(tag: "diff-b", change: [
            // The 04-10 talk was a CV talk after all: P1 counts 1 instead of 2.
            "samtale": { $0.map { $0.replacingOccurrences(of: "S9900000001d;2023-04-10;JOB", with: "S9900000001d;2023-04-10;CV") } },
            // P5's June payment is withdrawn: no benefit day in June.
            "ky": { $0.filter { !$0.hasPrefix("9900000005;KH;;2023-06-01") } },
            // P4's forløb ended 2023-06-20 (Behov for tidlig indsats).
            "forsoeg": { _ in ["9900000004;FX9900000004;07;751;2023-05-01;2023-06-20;TI;H"] },
        ])
        let b = try await Self.run(changedData, tag: "diff-b-out")

        let same = try await ydelse(["diff", a.path, a.path])
        #expect(same.status == 0 && same.stdout.contains("The outputs are identical."), "\(same)")

        let r = try await ydelse(["diff", a.path, b.path, "--json"])
        #expect(r.status == 1, "\(r)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])

        let deliveries = try #require(json["deliveries"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(deliveries.count == 3, "\(deliveries)")
        for s in ["ky_202306", "samtale_202306", "forsoeg_202306"] { #expect(deliveries.contains { $0.contains(s) }, "\(deliveries)") }

        let sources = try #require(json["sources"] as? [[String: Any]])
        func source(_ name: String) -> [String: Any]? { sources.first { $0["source"] as? String == name } }
        #expect(Set(sources.compactMap { $0["source"] as? String }) == ["ky", "samtale", "forsoeg"])
        #expect(source("ky")?["removed"] as? Int == 1 && source("ky")?["added"] as? Int == 0)
        #expect(source("ky")?["persons"] as? [String] == [Self.p5])
        #expect(source("samtale")?["replaced"] as? Int == 1 && source("samtale")?["persons"] as? [String] == [Self.p1])
        #expect(source("forsoeg")?["replaced"] as? Int == 1 && source("forsoeg")?["persons"] as? [String] == [Self.p4])

        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(!cells.isEmpty)
        var personsSeen = Set<String>(), forloebSeen = Set<String>()
        for c in cells {
            let table = c["table"] as? String ?? ""
            let persons = c["persons"] as? [String] ?? [], forloeb = c["forloeb"] as? [String] ?? []
            personsSeen.formUnion(persons)
            forloebSeen.formUnion(forloeb)
            if table.hasSuffix("jobsamtaler.csv") {
                // Every changed jobsamtaler cell is one that P1 or P5 lands in (kommune 751 or I alt).
                let key = Dictionary(uniqueKeysWithValues: (c["key"] as? [[String: String]] ?? []).map { ($0["column"]!, $0["value"]!) })
                #expect(["751", "I alt"].contains(key["kommune"] ?? ""), "\(c)")
                #expect(["Kontanthjælp", "I alt"].contains(key["ydelsesgruppe"] ?? ""), "\(c)")
                #expect(!persons.isEmpty && Set(persons).isSubset(of: [Self.p1, Self.p5]), "\(c)")
            } else if table.contains("jobsamtaler_fokus") {
                Issue.record("the focus measure cannot change: neither person has 12 months: \(c)")
            } else {
                #expect(forloeb == ["FX9900000004"], "\(c)")
            }
        }
        #expect(personsSeen == [Self.p1, Self.p5])
        #expect(forloebSeen == ["FX9900000004"])
        // The cell (751, Kontanthjælp, 5 måneder) of measures/jobsamtaler.csv: P1 moves from 2 talks
        // to 1, P5 (0 talks) leaves it.
        func delta(_ column: String) -> Int? {
            cells.first { c in
                let key = Dictionary(uniqueKeysWithValues: (c["key"] as? [[String: String]] ?? []).map { ($0["column"]!, $0["value"]!) })
                return c["table"] as? String == "measures/jobsamtaler.csv" && c["column"] as? String == column
                    && key["kommune"] == "751" && key["ydelsesgruppe"] == "Kontanthjælp" && key["varighed"] == "5 måneder"
            }.flatMap { c in Int(c["new"] as? String ?? "").flatMap { n in Int(c["old"] as? String ?? "").map { n - $0 } } }
        }
        #expect(delta("samtaler_2") == -1)
        #expect(delta("samtaler_1") == 1)
        #expect(delta("samtaler_0") == -1)
        #expect(delta("personer") == -1)

        // A run folder of another version: diff says so.
        let other = try await Self.otherVersion(a)
        let warned = try await ydelse(["diff", a.path, other.path])
        #expect(warned.stdout.contains("code version"), "\(warned)")
    }
}
