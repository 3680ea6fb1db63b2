import Foundation
import Pipeline
@testable import Stages
import Testing

/// M-1's run.json is decoded once per process (``DecodedManifests``), and read again whenever
/// the file was written since.
@Suite struct DecodedManifestsTests {
    @Test("the memo gives the file's current manifest: a rewritten run.json is read again, a missing one is nil")
    func rewrittenFileIsReadAgain() throws {
        let dir = try makeTempDirectory("decoded-manifests")
        let url = dir.appendingPathComponent(RunManifest.fileName)
        let memo = DecodedManifests()
        #expect(memo.manifest(at: url) == nil)

        var m = RunManifest(month: "2025-11", started: Date(timeIntervalSince1970: 0), runId: "first")
        try m.write(to: url)
        #expect(memo.manifest(at: url)?.runId == "first")
        #expect(memo.manifest(at: url)?.runId == "first")

        // Same size, written again (atomically, as runs write it): the new content is seen.
        m.runId = "other"
        try m.write(to: url)
        #expect(memo.manifest(at: url)?.runId == "other")

        try FileManager.default.removeItem(at: url)
        #expect(memo.manifest(at: url) == nil)
    }
}
