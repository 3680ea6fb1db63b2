import ColumnStore
import Foundation
import Testing
@testable import Generator

/// Env-gated helpers: `GENERATE_SAMPLE=1` rewrites `sample-data/`;
/// `BENCH_PERSONS=N` times a run of N persons 2012-01..2025-12 (use `swift test -c release`).
@Suite struct SampleDataTool {
    static let sampleConfig = (persons: 2500, from: "2019-01", to: "2023-06", seed: UInt64(20230601))

    @Test func generateSampleData() throws {
        guard ProcessInfo.processInfo.environment["GENERATE_SAMPLE"] == "1" else { return }
        let dir = Support.repoRoot + "/sample-data"
        for s in ["fleur", "taeller", "ky", "ksd", "samtale", "fravaer", "maalgruppe", "tilbud", "tilmelding", "forsoeg", "person", "bopael", "eindkomst"] {
            try? FileManager.default.removeItem(atPath: dir + "/" + s)
        }
        let c = Self.sampleConfig
        let s = try DeliveryGenerator.generate(GeneratorConfig(out: dir, persons: c.persons, from: YearMonth(c.from)!,
                                                               to: YearMonth(c.to)!, seed: c.seed))
        print("sample-data: \(s.files) files, \(s.bytes) bytes, rows \(s.rowsPerSource.sorted { $0.key < $1.key }), forløb \(s.forloeb)")
    }

    @Test func bench() throws {
        guard let n = ProcessInfo.processInfo.environment["BENCH_PERSONS"].flatMap(Int.init) else { return }
        let from = ProcessInfo.processInfo.environment["BENCH_FROM"] ?? "2012-01"
        let to = ProcessInfo.processInfo.environment["BENCH_TO"] ?? "2025-12"
        let dir = Support.tempDir("bench")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t0 = Date()
        let s = try DeliveryGenerator.generate(GeneratorConfig(out: dir, persons: n, from: YearMonth(from)!, to: YearMonth(to)!, seed: 1)) {
            print($0)
        }
        let secs = Date().timeIntervalSince(t0)
        print("bench: \(n) persons \(from)..\(to): \(String(format: "%.1f", secs)) s, \(s.files) files, \(s.bytes) bytes")
        for (k, v) in s.rowsPerSource.sorted(by: { $0.key < $1.key }) { print("bench: \(k) rows \(v) bytes \(s.bytesPerSource[k]!)") }
        if let st = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for l in st.split(separator: "\n") where l.hasPrefix("VmHWM") || l.hasPrefix("VmRSS") { print("bench: \(l)") }
        }
    }
}
