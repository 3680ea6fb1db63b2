import ColumnStore
import Foundation
import Pipeline
import Testing

/// Regression tests on sample months (issue 3 item 4): the pipeline on `sample-data/` for a
/// month in the corona period, one in 2021-22 and the last sample month, compared with the
/// committed expected files in `Tests/StagesTests/Golden/<YYYYMM>/`:
///
/// - `forloeb.csv`: `spells/forloeb`, persons whose pnr ends in 7;
/// - `varighed.csv`: `durations/varighed`, persons whose pnr ends in 0, 3 or 7;
/// - `forsoegsperiode.csv`: `forsoegsperiode/forsoegsperiode`, pnr ending in 0, 3 or 7;
/// - `measures_*.csv` / `published_*.csv`: the experiment monitoring files (stage
///   `forsoegsmaaling`): every file in 2022-03, the status tiles, the focus measure and Måling
///   4.2 in the other months;
/// - `maalte.csv`: `jobsamtaler/maalte`, pnr ending in 0, 3 or 7;
/// - `jobsamtaler.csv` (and `jobsamtaler_fokus.csv`): the measure files of the run, whole;
/// - `counts.csv`: every checkpoint table (extract, normalise, spells, durations,
///   forsoegsperiode) with its row count and the CRC-32 of the whole table as CSV, so a change
///   outside the readable subsets still fails.
///
/// CSV: `;`-separated, header first, the checkpoint's row order (the stages sort
/// deterministically), dates ISO, doubles with 2 decimals, null as an empty cell.
///
/// `UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites the files instead of comparing
/// and fails on purpose (a recording run never passes); `make golden` records, then runs the
/// comparison again, which must pass. Review the diff before committing it. The persons in
/// HandTracedTests are checked against values worked out by hand from RULES.md, so the
/// golden files are not merely recorded.
@Suite struct GoldenTests {
    static let months = ["2020-10", "2022-03", "2023-06"]
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    static func endsIn(_ digits: String) -> (String) -> Bool { { pnr in pnr.last.map { digits.contains($0) } ?? false } }

    /// The expected files of one month, computed from a run.
    static func goldenFiles(_ run: SampleRun) throws -> [(name: String, text: String)] {
        var files: [(String, String)] = []
        let spells = try run.table("spells", "forloeb")
        files.append(("forloeb.csv", csvText(spells, rows: rows(of: spells, where: endsIn("7")))))
        let durations = try run.table("durations", "varighed")
        files.append(("varighed.csv", csvText(durations, rows: rows(of: durations, where: endsIn("037")))))
        let fp = try run.table("forsoegsperiode", "forsoegsperiode")
        files.append(("forsoegsperiode.csv", csvText(fp, rows: rows(of: fp, where: endsIn("037")))))
        let maalte = try run.table("jobsamtaler", "maalte")
        files.append(("maalte.csv", csvText(maalte, rows: rows(of: maalte, where: endsIn("037")))))
        for measure in ["jobsamtaler.csv", "jobsamtaler_fokus.csv"] {
            let url = run.runDirectory.appendingPathComponent("measures/\(measure)")
            files.append((measure, try String(contentsOf: url, encoding: .utf8)))
        }
        files += try monitoringFiles(run)
        var counts = "stage;table;rows;crc32\n"
        for (stage, table) in try run.checkpoints() {
            let t = try run.table(stage, table)
            counts += "\(stage);\(table);\(t.rowCount);\(String(format: "%08x", crc32(of: csvText(t))))\n"
        }
        files.append(("counts.csv", counts))
        return files
    }

    /// The monitoring month with every file in the golden set.
    static let fullMonitoringMonth = "2022-03"

    /// The experiment monitoring files of a run, as `measures_NAME` and `published_NAME`.
    static func monitoringFiles(_ run: SampleRun) throws -> [(name: String, text: String)] {
        var out: [(String, String)] = []
        for folder in ["measures", "published"] {
            let dir = run.runDirectory.appendingPathComponent(folder)
            let all = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            let names = run.month == ym(fullMonitoringMonth) ? all : ["status.csv", "m2_2_fokusmaal.csv", "m4_2_status.csv"]
            for n in names {
                out.append(("\(folder)_\(n)", try String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8)))
            }
        }
        return out
    }

    @Test("regression: sample month matches Golden/<YYYYMM>/", arguments: months)
    func sampleMonth(_ month: String) async throws {
        let run = try await sampleRun(month)
        let dir = Repo.golden.appendingPathComponent(ym(month).compact, isDirectory: true)
        for (name, actual) in try Self.goldenFiles(run) {
            let url = dir.appendingPathComponent(name)
            if Self.updating {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                Issue.record("recorded \(url.path) (UPDATE_GOLDEN=1): a recording run fails on purpose; review the diff and run the tests again without UPDATE_GOLDEN")
                continue
            }
            guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record("missing expected file \(url.path); run `make golden` (UPDATE_GOLDEN=1 swift test --filter GoldenTests) and review it")
                continue
            }
            if let diff = GoldenDiff.describe(expected: expected, actual: actual, file: "Golden/\(ym(month).compact)/\(name)") {
                Issue.record(Comment(rawValue: diff))
            }
        }
    }

    @Test("the golden diff names lines, expected against actual, and counts added/removed lines")
    func diffIsReadable() throws {
        let e = "h\na\nb\nc\n", a = "h\na\nB\nc\nd\n"
        let d = try #require(GoldenDiff.describe(expected: e, actual: a, file: "x.csv"))
        #expect(d.contains("line 3"))
        #expect(d.contains("expected: b") && d.contains("actual:   B"))
        #expect(d.contains("2 added") && d.contains("1 removed"))
        #expect(GoldenDiff.describe(expected: e, actual: e, file: "x.csv") == nil)
    }
}

/// A readable difference between an expected and an actual text file.
enum GoldenDiff {
    /// nil when equal; otherwise the first differing lines (1-based line numbers, expected
    /// vs actual), and the lines added/removed as multisets, with samples.
    static func describe(expected: String, actual: String, file: String, maxLines: Int = 8) -> String? {
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = ["\(file) differs from the pipeline's output (\(e.count - 1) expected lines, \(a.count - 1) actual):"]
        var shown = 0
        for i in 0..<max(e.count, a.count) where shown < maxLines {
            let x = i < e.count ? e[i] : "<none>", y = i < a.count ? a[i] : "<none>"
            if x != y {
                out.append("  line \(i + 1):")
                out.append("    expected: \(x)")
                out.append("    actual:   \(y)")
                shown += 1
            }
        }
        var bag: [String: Int] = [:]
        for l in e { bag[l, default: 0] += 1 }
        var added: [String] = []
        for l in a {
            if let n = bag[l], n > 0 { bag[l] = n - 1 } else { added.append(l) }
        }
        let removed = e.filter { l in
            if let n = bag[l], n > 0 { bag[l] = n - 1; return true }
            return false
        }
        out.append("  \(added.count) added, \(removed.count) removed line(s) (as multisets)")
        for l in added.prefix(5) { out.append("    + \(l)") }
        for l in removed.prefix(5) { out.append("    - \(l)") }
        out.append("  If the change is intended: `make golden`, review the diff, say why in the commit message.")
        return out.joined(separator: "\n")
    }
}
