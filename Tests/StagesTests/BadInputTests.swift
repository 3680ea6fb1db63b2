import ArrowIPC
import ColumnStore
import Foundation
import Pipeline
import Publishing
import Stages
import Testing
import YdelseIO

/// INPUTS.md "What bad input gets", on copies of the sample data and on the fixtures in
/// `Tests/Fixtures/broken/`: a bad record goes to `rejects/SOURCE.csv` and nothing else is
/// lost; a truncated/corrupt delivery or a wrong trailer is refused whole, naming the file,
/// and the run stops before any later stage, unless partial data is accepted.
@Suite struct BadInputTests {
    static let month = "2020-10"
    static let later = ["normalise", "spells", "durations", "forsoegsperiode", "jobsamtaler", "jobsamtaler_fokus_maaneder", "jobsamtaler_fokus"]

    /// Runs and expects `RunnerError.refused`; returns its messages and report.
    static func expectRefused(data: URL, month: String) async throws -> (messages: [String], report: RunReport, runDir: URL) {
        let out = try makeTempDirectory("refused")
        do {
            let r = try await runPipeline(data: data, out: out, month: ym(month))
            throw TestFailure("the run succeeded although a delivery is broken: \(r.stages.map { "\($0.name) \($0.status)" })")
        } catch let RunnerError.refused(messages, report) {
            return (messages, report, report.runDirectory)
        }
    }

    /// No stage after the extracts ran, and none of them left a checkpoint.
    static func expectNothingAfterExtract(_ report: RunReport, _ runDir: URL) {
        for s in later {
            #expect(report.stage(s)?.status == .notRun, "\(s) has status \(report.stage(s)?.status.rawValue ?? "?") after a refusal")
            let dir = runDir.appendingPathComponent("checkpoints/\(s)")
            #expect(!FileManager.default.fileExists(atPath: dir.path), "\(s) wrote checkpoints after a refusal")
        }
        #expect(report.stoppedByRefusal && !report.partial)
        #expect(report.manifest.outcome == "refused")
    }

    @Test("(a) a truncated gzip delivery is refused naming the file; nothing after the extracts runs")
    func truncatedGzip() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "truncated")
        let file = data.appendingPathComponent("ky/ky_202007.csv.gz")
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)

        let (messages, report, runDir) = try await Self.expectRefused(data: data, month: Self.month)
        #expect(messages.count == 1)
        #expect(messages.first?.contains("ky_202007.csv.gz") == true, "refusal does not name the file: \(messages)")
        #expect(messages.first?.contains("truncated") == true, "\(messages)")
        #expect(report.stage("extract_ky")?.status == .refused)
        #expect(report.stage("extract_fleur")?.status == .ran)
        #expect(report.summaryText.contains("ky_202007.csv.gz"))
        Self.expectNothingAfterExtract(report, runDir)
        // The refused extract wrote no checkpoint either.
        #expect(!FileManager.default.fileExists(atPath: runDir.appendingPathComponent("checkpoints/extract_ky").path))
    }

    @Test("(a') accept partial: the run continues with the refused delivery and says the data are partial")
    func acceptPartial() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "partial")
        let file = data.appendingPathComponent("ky/ky_202007.csv.gz")
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)
        let out = try makeTempDirectory("partial-out")

        let report = try await runPipeline(data: data, out: out, month: ym(Self.month), acceptPartial: true)
        #expect(report.partial && !report.stoppedByRefusal)
        #expect(report.refusals.contains { $0.contains("ky_202007.csv.gz") }, "\(report.refusals)")
        #expect(report.stages(.ran).count == (try declaredStageCount()))
        #expect(report.manifest.partial && report.manifest.outcome == "partial")
        #expect(report.summaryText.contains("PARTIAL DATA"))
        // The refusal travels downstream in run.json, so a later run without --accept-partial
        // does not trust these checkpoints.
        for s in Self.later { #expect(report.manifest[stage: s]?.refusals.isEmpty == false, "\(s) does not carry the refusal") }
        let intact = try await sampleRun(Self.month)
        #expect(report.stage("extract_ky")!.rowsOut["ky"]! < intact.report.stage("extract_ky")!.rowsOut["ky"]!)
        do {
            _ = try await runPipeline(data: data, out: out, month: ym(Self.month))
            Issue.record("a run without --accept-partial trusted partial checkpoints")
        } catch RunnerError.refused(let messages, _) {
            #expect(messages.contains { $0.contains("ky_202007.csv.gz") })
        }
    }

    @Test("(b) a changed trailer count is refused naming the file")
    func wrongTrailer() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "trailer")
        let file = data.appendingPathComponent("taeller/taeller_202009.csv.gz")
        var lines = try gunzipText(file).split(separator: "\n").map(String.init)
        let trailer = lines.removeLast()
        let n = try #require(Int(trailer.dropFirst("*EOF*;".count)))
        lines.append("*EOF*;\(n + 1)")
        try gzipWrite(lines.joined(separator: "\n") + "\n", to: file)

        let (messages, report, runDir) = try await Self.expectRefused(data: data, month: Self.month)
        #expect(messages.count == 1)
        #expect(messages.first?.contains("taeller_202009.csv.gz") == true, "\(messages)")
        #expect(messages.first?.contains("trailer") == true, "\(messages)")
        #expect(report.stage("extract_taeller")?.status == .refused)
        Self.expectNothingAfterExtract(report, runDir)
    }

    @Test("(c) one broken data line: rejected with file, line and reason; nothing else is lost")
    func brokenLine() async throws {
        let data = try copyDataDirectory(Repo.sampleData, tag: "badline")
        let file = data.appendingPathComponent("ky/ky_202008.csv.gz")
        var lines = try gunzipText(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 11 of the file (line 1 is the header): its `fra` becomes 2020-02-30.
        let index = 10
        let originalLine = lines[index]
        var fields = originalLine.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == 7)
        fields[3] = "2020-02-30"
        lines[index] = fields.joined(separator: ";")
        try gzipWrite(lines.joined(separator: "\n"), to: file)
        let out = try makeTempDirectory("badline-out")

        let report = try await runPipeline(data: data, out: out, month: ym(Self.month))
        #expect(report.stages(.ran).count == (try declaredStageCount()))
        #expect(report.rejects["ky"] == 1)
        #expect(report.summaryText.contains("rejects per source"))
        let csv = try CSVTable.parse(String(contentsOf: report.runDirectory.appendingPathComponent("rejects/ky.csv"), encoding: .utf8))
        #expect(csv.header == ["source", "file", "line", "reason", "raw"])
        #expect(csv.rows.count == 1, "\(csv.rows)")
        let f = try #require(csv.rows.first)
        #expect(f[0] == "ky" && f[1] == "ky_202008.csv.gz" && f[2] == "11", "\(f)")
        #expect(f[3].hasPrefix("bad date"), "\(f)")
        #expect(f[4] == lines[index])   // the raw line whole, ; and all (RFC 4180 quoting)
        #expect(!FileManager.default.fileExists(atPath: report.runDirectory.appendingPathComponent("rejects/fleur.csv").path))

        // Nothing else lost: one ky row fewer than the intact run, every other table the same.
        let intact = try await sampleRun(Self.month)
        for s in report.stages where s.name.hasPrefix("extract_") {
            let before = try #require(intact.report.stage(s.name)).rowsOut
            if s.name == "extract_ky" {
                #expect(s.rowsOut["ky"] == before["ky"]! - 1, "extract_ky: \(s.rowsOut) vs intact \(before)")
            } else {
                #expect(s.rowsOut == before, "\(s.name): \(s.rowsOut) vs intact \(before)")
            }
        }
        let brokenKy = SourceExtractor(dataDirectory: data.path).extract(SourceCatalog.layout(named: "ky")!, upTo: ym(Self.month)).table
        #expect(brokenKy.rowCount == report.stage("extract_ky")?.rowsOut["ky"])
        let intactKy = try intact.extractTable("ky")
        #expect(brokenKy.rowCount == intactKy.rowCount - 1)
        // Exactly the broken line is missing: compare the rows as text (data columns only).
        func keys(_ t: Table) -> [String: Int] {
            let cols = ["pnr", "ydelse", "sats", "fra", "til", "kommune", "loentilskud"].map { t.column($0) }
            var bag: [String: Int] = [:]
            for r in 0..<t.rowCount { bag[cols.map { $0.text(at: r) ?? "" }.joined(separator: ";"), default: 0] += 1 }
            return bag
        }
        var missing = keys(intactKy)
        for (k, n) in keys(brokenKy) { missing[k, default: 0] -= n }
        let lost = missing.filter { $0.value != 0 }
        var original = originalLine.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        original[0] = String(Int64(original[0])!)   // the extract holds pnr as an int64 key
        #expect(lost == [original.joined(separator: ";"): 1], "rows lost or added: \(lost)")
    }

    // MARK: the fixtures of Tests/Fixtures/broken (README.md)

    struct Fixture: CustomTestStringConvertible, Sendable {
        var folder: String
        var source: String
        var file: String
        /// Reject reason prefix, or refusal phrase.
        var expected: String
        var refused: Bool
        var testDescription: String { folder }
    }

    static let fixtures: [Fixture] = [
        Fixture(folder: "reject-field-count", source: "ky", file: "ky_202101.csv.gz", expected: "wrong field count", refused: false),
        Fixture(folder: "reject-record-length", source: "fleur", file: "fleur_202101.dat.gz", expected: "wrong record length", refused: false),
        Fixture(folder: "reject-bad-date", source: "ky", file: "ky_202101.csv.gz", expected: "bad date", refused: false),
        Fixture(folder: "reject-bad-number", source: "eindkomst", file: "eindkomst_202101.csv.gz", expected: "bad number", refused: false),
        Fixture(folder: "reject-bad-number-fleur", source: "fleur", file: "fleur_202101.dat.gz", expected: "bad number", refused: false),
        Fixture(folder: "reject-bad-pnr", source: "ky", file: "ky_202101.csv.gz", expected: "bad pnr", refused: false),
        Fixture(folder: "reject-unknown-code", source: "ky", file: "ky_202101.csv.gz", expected: "unknown code", refused: false),
        Fixture(folder: "reject-end-before-start", source: "ksd", file: "ksd_202101.csv.gz", expected: "end before start", refused: false),
        Fixture(folder: "reject-invalid-utf8", source: "samtale", file: "samtale_202101.csv.gz", expected: "invalid UTF-8", refused: false),
        Fixture(folder: "reject-missing-value", source: "ky", file: "ky_202101.csv.gz", expected: "missing value", refused: false),
        Fixture(folder: "reject-uh-after-2025", source: "ky", file: "ky_202507.csv.gz", expected: "UH or SHO", refused: false),
        Fixture(folder: "refuse-missing-trailer", source: "ky", file: "ky_202101.csv.gz", expected: "missing trailer", refused: true),
        Fixture(folder: "refuse-wrong-trailer-count", source: "ky", file: "ky_202101.csv.gz", expected: "trailer count", refused: true),
        Fixture(folder: "refuse-wrong-header", source: "taeller", file: "taeller_202101.csv.gz", expected: "header", refused: true),
        Fixture(folder: "refuse-truncated-gzip", source: "ky", file: "ky_202101.csv.gz", expected: "truncated gzip", refused: true),
        Fixture(folder: "refuse-corrupt-gzip", source: "ky", file: "ky_202101.csv.gz", expected: "corrupt gzip", refused: true),
        Fixture(folder: "refuse-fleur-missing-start", source: "fleur", file: "fleur_202101.dat.gz", expected: "missing start record", refused: true),
        Fixture(folder: "refuse-fleur-missing-trailer", source: "fleur", file: "fleur_202101.dat.gz", expected: "missing trailer", refused: true),
        Fixture(folder: "refuse-fleur-wrong-trailer-count", source: "fleur", file: "fleur_202101.dat.gz", expected: "trailer count", refused: true),
    ]

    @Test("every folder of Tests/Fixtures/broken is listed here")
    func fixtureListComplete() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Repo.brokenFixtures.path)
            .filter { !$0.contains(".") }.sorted()
        #expect(folders == Self.fixtures.map(\.folder).sorted())
    }

    /// A fixture folder holds one delivery of one source, so it is a complete delivery set
    /// only for that source's stage in the delivery's own month: the test runs just that.
    @Test("a broken fixture gives what its README says", arguments: fixtures)
    func brokenFixture(_ f: Fixture) async throws {
        let data = Repo.brokenFixtures.appendingPathComponent(f.folder, isDirectory: true)
        let out = try makeTempDirectory("fixture")
        let digits = f.file.split(separator: "_")[1].prefix(6)
        let month = try #require(YearMonth(String(digits)))
        let only = "extract_\(f.source)"
        if f.refused {
            do {
                _ = try await runPipeline(data: data, out: out, month: month, only: only)
                Issue.record("\(f.folder): the run was not refused")
            } catch let RunnerError.refused(messages, report) {
                #expect(messages.count == 1)
                #expect(messages.first?.hasPrefix(f.file + ":") == true, "\(f.folder): refusal does not name \(f.file): \(messages)")
                #expect(messages.first?.contains(f.expected) == true, "\(f.folder): expected '\(f.expected)' in \(messages)")
                #expect(report.stage("extract_\(f.source)")?.status == .refused)
                Self.expectNothingAfterExtract(report, report.runDirectory)
            }
        } else {
            let report = try await runPipeline(data: data, out: out, month: month, only: only)
            #expect(report.rejects[f.source] == 1)
            // One good row survives (line 2), the bad one (line 3) is in the rejects file.
            #expect(report.stage("extract_\(f.source)")?.rowsOut[f.source] == 1)
            let csv = try CSVTable.parse(String(contentsOf: report.runDirectory.appendingPathComponent("rejects/\(f.source).csv"), encoding: .utf8))
            #expect(csv.rows.count == 1, "\(csv.rows)")
            let fields = try #require(csv.rows.last)
            #expect(fields[0] == f.source && fields[1] == f.file && fields[2] == "3", "\(f.folder): \(fields)")
            #expect(fields[3].hasPrefix(f.expected), "\(f.folder): reason '\(fields[3])', expected '\(f.expected)'")
        }
    }
}
