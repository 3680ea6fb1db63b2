import Foundation
import Testing

/// The command line as a user meets it: `--version`, `stages` from any folder, usage errors.
@Suite(.serialized) struct CommandLineTests {
    @Test("--version prints the version and the git commit it was built from")
    func version() async throws {
        let r = try await ydelse(["--version"])
        #expect(r.status == 0, "\(r)")
        let line = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("ydelse "), "\(line)")
        let git = try await runProgram("/usr/bin/env", ["git", "-C", E2E.root.path, "rev-parse", "--short=12", "HEAD"])
        if git.status == 0 {
            let head = git.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // With git present the build step finds the commit: the binary names a commit of
            // this repository (HEAD when built after the last commit).
            let commit = line.components(separatedBy: "(commit ").last?.dropLast() ?? ""
            let hex = commit.replacingOccurrences(of: "-dirty", with: "")
            #expect(hex.count == 12 && hex.allSatisfy(\.isHexDigit), "\(line)")
            let known = try await runProgram("/usr/bin/env", ["git", "-C", E2E.root.path, "cat-file", "-e", "\(hex)^{commit}"])
            #expect(known.status == 0, "\(line) names no commit of this repository (HEAD is \(head))")
        } else {
            #expect(line.hasSuffix("(commit unknown)"), "\(line)")
        }
    }

    @Test("`ydelse stages` works from another folder: the pipeline is bundled in the binary")
    func stagesFromAnotherFolder() async throws {
        let elsewhere = try E2E.tempDirectory("elsewhere")
        let r = try await ydelse(["stages"], cwd: elsewhere)
        #expect(r.status == 0, "\(r)")
        let toml = try String(contentsOf: E2E.pipelineFile, encoding: .utf8)
        let declared = toml.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "[[stage]]" }.count
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2 + declared, "\(r.stdout)")   // header, rule, one line per stage
        #expect(lines.first?.hasPrefix("stage") == true)
    }

    @Test("the binary copied alone to another folder runs the sample month: pipeline and reference data are compiled in")
    func copiedBinaryRuns() async throws {
        let dir = try E2E.tempDirectory("copied-binary")
        let copy = dir.appendingPathComponent("ydelse")
        try FileManager.default.copyItem(atPath: try E2E.binary(), toPath: copy.path)
        let out = dir.appendingPathComponent("out")
        let r = try await Started(copy.path, ["run", "--data", E2E.sampleData.path,
                                              "--month", "2023-06", "--out", out.path, "--quiet"], cwd: dir).wait()
        #expect(r.status == 0, "\(r)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("202306/published/jobsamtaler.csv").path))
    }

    @Test("the bundled pipeline is byte for byte pipelines/monthly.toml")
    func bundledPipelineEqualsTheFile() async throws {
        let r = try await ydelse(["stages", "--toml"], cwd: try E2E.tempDirectory("toml"))
        #expect(r.status == 0, "\(r)")
        let file = try String(contentsOf: E2E.pipelineFile, encoding: .utf8)
        #expect(r.stdout == file, "the binary's bundled pipeline differs from pipelines/monthly.toml: rebuild (`swift build`)")
    }

    @Test("bad usage exits 2 with a message", arguments: [
        (["run", "--data", "DATA", "--month", "20-2306", "--out", "OUT"], "--month must be YYYY-MM"),
        (["run", "--data", "DATA", "--month", "2023-6", "--out", "OUT"], "--month must be YYYY-MM"),
        (["run", "--data", "DATA", "--month", "202306", "--out", "OUT"], "--month must be YYYY-MM"),
        (["run", "--data", "DATA", "--month", "2023-13", "--out", "OUT"], "--month must be YYYY-MM"),
        (["run", "--data", "DATA", "--months", "2023-06..2023-01", "--out", "OUT"], "first month is after the last"),
        (["run", "--data", "DATA", "--months", "2023-01-2023-06", "--out", "OUT"], "--months must be YYYY-MM..YYYY-MM"),
        (["run", "--data", "DATA", "--out", "OUT"], "give --month"),
        (["run", "--data", "/nonexistent/ydelse-data", "--month", "2019-06", "--out", "OUT"], "does not exist"),
        (["run", "--data", "DATA", "--month", "2019-06", "--out", "OUT", "--only", "normalise", "--from", "spells"], "cannot be combined"),
        (["run", "--data", "DATA", "--month", "2019-06", "--out", "OUT", "--only", "nosuchstage"], "unknown stage 'nosuchstage'"),
    ])
    func usage(_ arguments: [String], _ message: String) async throws {
        let data = try E2E.smallData(through: "201902", tag: "usage")
        let out = try E2E.tempDirectory("usage-out")
        let args = arguments.map { $0 == "DATA" ? data.path : ($0 == "OUT" ? out.path : $0) }
        let r = try await ydelse(args)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains(message), "\(r)")
    }

    @Test("--data naming a file, not a folder, is bad usage (exit 2)")
    func dataIsAFile() async throws {
        let r = try await ydelse(["run", "--data", E2E.pipelineFile.path, "--month", "2019-06", "--out", try E2E.tempDirectory("f").path])
        #expect(r.status == 2 && r.stderr.contains("is not a folder"), "\(r)")
    }

    @Test("a month before all data exits 1 and names the first delivery month, also with --accept-partial")
    func monthBeforeAllData() async throws {
        let data = try E2E.smallData(through: "201903", tag: "early")
        for extra in [[], ["--accept-partial"]] {
            let r = try await ydelse(["run", "--data", data.path, "--month", "2018-12", "--out", try E2E.tempDirectory("early-out").path] + extra)
            #expect(r.status == 1, "\(r)")
            #expect(r.stderr.contains("before all data") && r.stderr.contains("2019-01"), "\(r)")
        }
    }

    @Test("a run exits 0 and prints the summary; --quiet prints nothing; --log-format json writes only JSON lines")
    func outputModes() async throws {
        let data = try E2E.smallData(through: "201902", tag: "modes")
        let out = try E2E.tempDirectory("modes-out")
        let plain = try await ydelse(["run", "--data", data.path, "--month", "2019-02", "--out", out.path])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout.contains("stages: ") && plain.stdout.contains("total "), "\(plain)")
        #expect(!plain.stderr.contains("\u{1B}["), "a live terminal line was drawn although stderr is not a terminal")

        let quiet = try await ydelse(["run", "--data", data.path, "--month", "2019-02", "--out", out.path, "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet)")

        let json = try await ydelse(["run", "--data", data.path, "--month", "2019-02", "--out", out.path, "--log-format", "json", "--force"])
        #expect(json.status == 0, "\(json)")
        #expect(json.stdout.isEmpty, "\(json)")
        let lines = json.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for l in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any]
            #expect(object?["message"] != nil && object?["level"] != nil, "not a JSON log line: \(l)")
        }
        #expect(json.stderr.contains("\"event\":\"summary\"") && json.stderr.contains("\"exit_code\":\"0\""), "\(json)")
    }

    @Test("the binary allocates with jemalloc, keeps freed pages 60 s for reuse, in huge pages; a user's MALLOC_CONF wins option by option", arguments: [
        (nil, "dirty_decay_ms=60000, muzzy_decay_ms=0, thp=always"),
        ("dirty_decay_ms:5000", "dirty_decay_ms=5000, muzzy_decay_ms=0, thp=always"),
        ("thp:never", "dirty_decay_ms=60000, muzzy_decay_ms=0, thp=never"),
    ] as [(String?, String)])
    func allocator(given: String?, seen: String) async throws {
        let data = try E2E.smallData(through: "201901", tag: "allocator")
        let out = try E2E.tempDirectory("allocator-out")
        let r = try await ydelse(["run", "--data", data.path, "--month", "2019-01", "--out", out.path, "--only", "extract_person", "--verbose"],
                                 environment: ["MALLOC_CONF": given])
        #expect(r.status == 0, "\(r)")
        let line = r.stderr.split(separator: "\n").first { $0.contains("malloc: ") }
        #expect(line?.contains("malloc: jemalloc ") == true, "\(r)")
        #expect(line?.contains(seen) == true, "\(r)")
    }
}
