import ColumnStore
import Foundation
@testable import Generator

enum Support {
    /// The repository root (…/Tests/GeneratorTests/Support.swift → ../../).
    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Months from `a` to `b` inclusive (`YYYY-MM`).
    static func monthCount(_ a: String, _ b: String) -> Int {
        YearMonth(a)!.distance(to: YearMonth(b)!) + 1
    }

    static func tempDir(_ name: String) -> String {
        let d = NSTemporaryDirectory() + "ydelse-gen-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: d)
        return d
    }

    /// Every delivery file under `dir`, sorted by path: (source, YYYYMM, path).
    static func deliveries(_ dir: String) -> [(source: String, month: String, path: String)] {
        var out: [(String, String, String)] = []
        let fm = FileManager.default
        for s in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir + "/" + s, isDirectory: &isDir), isDir.boolValue else { continue }
            for f in ((try? fm.contentsOfDirectory(atPath: dir + "/" + s)) ?? []).sorted() where f.hasSuffix(".gz") {
                let month = String(f.dropFirst(s.count + 1).prefix(6))
                out.append((s, month, dir + "/" + s + "/" + f))
            }
        }
        return out
    }

    /// Generates into a fresh temporary directory, once per (name) in a test run.
    static func generate(_ name: String, persons: Int, from: String, to: String, seed: UInt64) throws -> (String, GeneratorSummary) {
        let dir = tempDir(name)
        let cfg = GeneratorConfig(out: dir, persons: persons, from: YearMonth(from)!, to: YearMonth(to)!, seed: seed)
        let s = try DeliveryGenerator.generate(cfg)
        return (dir, s)
    }
}
