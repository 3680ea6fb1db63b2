import ArrowIPC
import Foundation
import Testing
import TestScratch

// Helpers of the end-to-end tests: they run the built `ydelse` binary as a user would, in
// its own process, on small copies of sample-data.

/// Paths of the repository and the build.
enum E2E {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let sampleData = root.appendingPathComponent("sample-data", isDirectory: true)
    static let pipelineFile = root.appendingPathComponent("pipelines/monthly.toml")
    static let csvCheck = testsDirectory.appendingPathComponent("csv_check.py")

    /// The `ydelse` binary: `$YDELSE_BIN`, else the one built next to this test bundle
    /// (`swift test` builds it first: the test target depends on the executable).
    static func binary() throws -> String {
        if let b = ProcessInfo.processInfo.environment["YDELSE_BIN"], !b.isEmpty { return b }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // …/debug/ydelsePackageTests.xctest (a file on Linux, a bundle on macOS)
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("ydelse")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        throw E2EFailure("the ydelse binary is not next to the test bundle \(exe.path); build it (`swift build`) or set YDELSE_BIN")
    }

    /// `$PYTHON` (set by `make test`), else `.venv/bin/python` (made by `make venv`).
    static var python: String {
        if let p = ProcessInfo.processInfo.environment["PYTHON"], !p.isEmpty { return p }
        return root.appendingPathComponent(".venv/bin/python").path
    }

    /// A fresh temporary folder, removed when the test process exits (``TestScratch``).
    static func tempDirectory(_ tag: String) throws -> URL {
        try TestScratch.folder("e2e-\(tag)")
    }

    /// A copy of sample-data with the deliveries up to `last` (`YYYYMM`) only: a complete,
    /// small delivery set.
    static func smallData(through last: String = "201906", tag: String) throws -> URL {
        let fm = FileManager.default
        let to = try tempDirectory(tag).appendingPathComponent("data", isDirectory: true)
        let sources = try fm.contentsOfDirectory(atPath: sampleData.path).filter { !$0.hasPrefix(".") }
        guard sources.count > 1 else { throw E2EFailure("sample-data/ is missing or empty; `make sample-data` makes it") }
        for s in sources {
            let dir = to.appendingPathComponent(s, isDirectory: true)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in try fm.contentsOfDirectory(atPath: sampleData.appendingPathComponent(s).path) {
                let month = f.split(separator: "_").last.map { String($0.prefix(6)) } ?? ""
                if month <= last {
                    try fm.copyItem(at: sampleData.appendingPathComponent(s).appendingPathComponent(f), to: dir.appendingPathComponent(f))
                }
            }
        }
        return to
    }
}

struct E2EFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A finished process: status and output.
struct Finished: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// A process started in the background, output going to files.
final class Started: @unchecked Sendable {
    let process: Process
    private let out: URL, err: URL

    /// `environment`: variables set (a value) or removed (`nil`) in the inherited environment.
    init(_ executable: String, _ arguments: [String], cwd: URL? = nil, environment: [String: String?] = [:]) throws {
        let dir = try E2E.tempDirectory("proc")
        out = dir.appendingPathComponent("stdout")
        err = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (name, value) in environment { env[name] = value }
            process.environment = env
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func kill9() { kill(process.processIdentifier, SIGKILL) }

    /// Waits (polling, so an async test does not block a cooperative thread for long).
    func wait(timeout: Double = 300) async throws -> Finished {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { kill9(); throw E2EFailure("\(process.arguments ?? []) did not finish in \(timeout) s") }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return Finished(status: process.terminationStatus,
                        stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                        stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

/// Runs `ydelse arguments…` to the end.
func ydelse(_ arguments: [String], cwd: URL? = nil, environment: [String: String?] = [:]) async throws -> Finished {
    try await Started(try E2E.binary(), arguments, cwd: cwd, environment: environment).wait()
}

/// Runs any program to the end.
func runProgram(_ executable: String, _ arguments: [String], cwd: URL? = nil) async throws -> Finished {
    try await Started(executable, arguments, cwd: cwd).wait()
}

/// Every file under `folder` (relative path → bytes), without run.json, the run history and
/// the lock: the outputs a rerun must reproduce byte for byte.
func outputFiles(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in e {
        guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
        let rel = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
        if rel == "run.json" || rel == ".lock" || rel.hasPrefix("runs/") { continue }
        files[rel] = rel.hasPrefix("checkpoints/extract_") ? try canonicalArrow(url) : try Data(contentsOf: url)
    }
    return files
}

/// An Arrow file's table and metadata written again by ``ArrowFileWriter``: the same bytes for
/// files equal in value. An extract checkpoint of a nightly run copies the previous month's
/// record batches (its values equal a cold run's, its batches are laid out differently).
func canonicalArrow(_ url: URL) throws -> Data {
    let (table, metadata) = try ArrowFileReader.read(from: url)
    let copy = try TestScratch.folder("canonical").appendingPathComponent("t.arrow")
    defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
    try ArrowFileWriter.write(table, to: copy, metadata: metadata, compression: .checkpointDefault, durable: false)
    return try Data(contentsOf: copy)
}

/// run.json of a run folder as JSON.
func runJSON(_ runFolder: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: runFolder.appendingPathComponent("run.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Rewrites a gzip delivery: `edit` gets the data lines (without header and trailer) and
/// returns new ones; the trailer count is set to match. Uses the system's gzip.
func editDelivery(_ file: URL, _ edit: ([Data]) -> [Data]) async throws {
    let plain = file.deletingPathExtension()
    let unzip = try await runProgram("/bin/sh", ["-c", "gzip -dc '\(file.path)' > '\(plain.path)'"])
    guard unzip.status == 0 else { throw E2EFailure("gunzip \(file.path): \(unzip)") }
    let bytes = try Data(contentsOf: plain)
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
    if lines.last?.isEmpty == true { lines.removeLast() }
    let header = lines.removeFirst()
    lines.removeLast()   // the trailer
    let body = edit(lines)
    var out = header + Data("\n".utf8)
    for l in body { out += l + Data("\n".utf8) }
    out += Data("*EOF*;\(body.count)\n".utf8)
    try out.write(to: plain)
    let zip = try await runProgram("/bin/sh", ["-c", "gzip -n -c '\(plain.path)' > '\(file.path)' && rm '\(plain.path)'"])
    guard zip.status == 0 else { throw E2EFailure("gzip \(file.path): \(zip)") }
}
