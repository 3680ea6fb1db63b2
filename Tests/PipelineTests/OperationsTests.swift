import ColumnStore
import Foundation
import Logging
import Pipeline
import Testing

/// Issue 12 "Safe to run every night", in-process: the run folder lock, what counts as up to
/// date, the input check, run.json as a run record, errors in words.
@Suite struct RunLockTests {
    @Test("a second lock on the same folder fails at once naming the holder; a released lock is free again")
    func exclusive() throws {
        let dir = try Scratch().runDir
        let holder = RunLock.Holder.current(runId: "run-1")
        let first = try RunLock.acquire(runDirectory: dir, holder: holder)
        #expect(first.previousHolder == nil)
        do {
            _ = try RunLock.acquire(runDirectory: dir, holder: .current(runId: "run-2"))
            Issue.record("a second lock was granted")
        } catch let RunLockError.held(_, h) {
            #expect(h?.runId == "run-1" && h?.pid == getpid())
            #expect("\(RunLockError.held(path: "x", holder: h))".contains("pid \(getpid())"))
        }
        first.release()
        let again = try RunLock.acquire(runDirectory: dir, holder: .current(runId: "run-3"))
        #expect(again.previousHolder == nil, "a clean release leaves no holder behind")
        again.release()
    }

    @Test("the lock file of a dead process (holder written, no flock) is taken over and its holder handed on")
    func staleLockTakenOver() throws {
        let dir = try Scratch().runDir
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let stale = #"{"host":"elsewhere","pid":999999,"run_id":"dead-run","started":"2026-01-01T00:00:00Z"}"#
        try Data(stale.utf8).write(to: dir.appendingPathComponent(RunLock.fileName))
        let lock = try RunLock.acquire(runDirectory: dir, holder: .current(runId: "new"))
        #expect(lock.previousHolder?.runId == "dead-run" && lock.previousHolder?.pid == 999999)
        lock.release()
    }

    @Test("a run on a locked folder throws RunnerError.locked (exit 1) before touching anything")
    func runnerRefusesLockedFolder() throws {
        let h = try Harness()
        let lock = try RunLock.acquire(runDirectory: h.scratch.runDir, holder: .current(runId: "other"))
        defer { lock.release() }
        do {
            try h.run()
            Issue.record("the run went ahead on a locked folder")
        } catch let e as RunnerError {
            guard case .locked(let m) = e else { Issue.record("\(e)"); return }
            #expect(e.exitCode == 1 && m.contains("run other"))
        }
        #expect(h.probe.total == 0)
    }
}

@Suite struct UpToDateTests {
    @Test("a checkpoint of the recorded size whose embedded fingerprint differs is recomputed")
    func embeddedFingerprint() throws {
        let h = try Harness()
        let first = try h.run()
        let url = h.scratch.checkpoint("double")
        let fp = try #require(first.manifest[stage: "double"]?.fingerprint?.hex)
        let forged = String(repeating: "0", count: fp.count)
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: fp, with: forged)
        try Data(text.utf8).write(to: url)   // same length, another fingerprint
        h.probe.reset()
        let again = try h.run()
        #expect(again.stages(.ran) == ["double"])
        #expect(try JSONTestCodec.decode(url).metadata["ydelse.fingerprint"] == fp)
    }

    @Test("run.json records each checkpoint's bytes and fingerprint")
    func tableRecords() throws {
        let h = try Harness()
        let report = try h.run()
        let rec = try #require(report.manifest[stage: "combine"]?.tables["values"])
        let size = try FileManager.default.attributesOfItem(atPath: h.scratch.checkpoint("combine").path)[.size] as? Int
        #expect(rec.bytes == size)
        #expect(rec.fingerprint == report.manifest[stage: "combine"]?.fingerprint)
    }

    @Test("another reference data fingerprint makes every stage stale")
    func referenceData() throws {
        var h = try Harness()
        h.referenceData = Fingerprint.of("reference v1")
        try h.run()
        h.probe.reset()
        #expect(try h.run().stages(.ran).isEmpty)
        h.referenceData = Fingerprint.of("reference v2")
        #expect(try h.run().stages(.ran).count == 6)
    }

    @Test("an up-to-date stage keeps the seconds and times of the run that computed it")
    func keepsSeconds() throws {
        var h = try Harness()
        h.extractSleep = 0.05
        let first = try h.run()
        let second = try h.run()
        // As written (run.json's dates have whole seconds).
        let written = try RunManifest.decode(Data(contentsOf: h.scratch.runDir.appendingPathComponent("runs/\(first.manifest.runId).json")))
        for s in first.stages {
            let a = try #require(written[stage: s.name]), b = try #require(second.manifest[stage: s.name])
            #expect(b.status == .upToDate && b.seconds == a.seconds && b.started == a.started && b.finished == a.finished)
            #expect(second.stage(s.name)?.seconds == a.seconds)
            #expect(b.computedBy == first.manifest.runId)
        }
        #expect(first.manifest[stage: "extract_a"]!.seconds >= 0.05)
    }
}

@Suite struct InputCheckRunnerTests {
    @Test("an incomplete input stops the run before any stage (exit 1), naming it")
    func strict() throws {
        let h = try Harness()
        try FileManager.default.removeItem(at: h.scratch.data.appendingPathComponent("c.txt"))
        do {
            try h.run()
            Issue.record("the run went ahead")
        } catch let RunnerError.incompleteInputs(messages, report) {
            #expect(messages == ["c.txt is missing"])
            #expect(report.manifest.outcome == "refused")
            #expect(report.summaryText.contains("INCOMPLETE DELIVERIES") && report.summaryText.contains("c.txt is missing"))
        }
        #expect(h.probe.total == 0, "a stage ran before the input check failed")
    }

    @Test("with --accept-partial the run goes on, is partial (exit 3) and says why; downstream stages carry it")
    func accepted() throws {
        let h = try Harness()
        try FileManager.default.removeItem(at: h.scratch.data.appendingPathComponent("c.txt"))
        let report = try h.run { $0.acceptPartial = true }
        #expect(report.partial && report.exitCode == 3)
        #expect(report.manifest.outcome == "partial")
        #expect(report.manifest[stage: "other"]?.refusals == ["c.txt is missing"])
        #expect(report.manifest[stage: "double"]?.refusals == [])
        // Without --accept-partial the partial checkpoints are not trusted: the check stops it.
        #expect(throws: RunnerError.self) { try h.run() }
    }
}

@Suite struct RunRecordTests {
    @Test("a run left `running` in run.json (its process died) is recorded as interrupted by the next run")
    func interrupted() throws {
        let h = try Harness()
        let first = try h.run()
        var m = try h.scratch.manifest()
        m.outcome = "running"
        try m.write(to: h.scratch.runDir.appendingPathComponent("run.json"))
        let second = try h.run()
        #expect(second.manifest.previousRun?.runId == first.manifest.runId)
        #expect(second.manifest.previousRun?.outcome == "interrupted")
        let history = h.scratch.runDir.appendingPathComponent("runs/\(first.manifest.runId).json")
        #expect(try RunManifest.decode(Data(contentsOf: history)).outcome == "interrupted")
    }

    @Test("run.json holds schema version, run id, tool, arguments and paths; a copy per run in runs/")
    func fields() throws {
        let h = try Harness()
        let report = try h.run {
            $0.tool = ToolInfo(version: "9.9", commit: "abc123")
            $0.arguments = ["run", "--month", "2023-06"]
        }
        let m = try h.scratch.manifest()
        #expect(m.schemaVersion == RunManifest.currentSchemaVersion && !m.runId.isEmpty)
        #expect(m.tool.commit == "abc123" && m.arguments == ["run", "--month", "2023-06"])
        #expect(m.outputDirectory == h.scratch.out.standardizedFileURL.path)
        #expect(m.outcome == "succeeded" && m.finished != nil)
        let copy = h.scratch.runDir.appendingPathComponent("runs/\(report.manifest.runId).json")
        #expect(try RunManifest.decode(Data(contentsOf: copy)) == m)
        let text = try String(contentsOf: h.scratch.runDir.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(text.contains("\"schema_version\"") && text.contains("\"run_id\""))
    }

    @Test("a run.json of another schema version is not trusted: every stage reruns")
    func otherSchema() throws {
        let h = try Harness()
        try h.run()
        let url = h.scratch.runDir.appendingPathComponent("run.json")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"schema_version\" : 2", with: "\"schema_version\" : 1")
        try Data(text.utf8).write(to: url)
        h.probe.reset()
        #expect(try h.run().stages(.ran).count == 6)
    }

    @Test("temporary files under the run folder are removed at the start of a run")
    func temporaries() throws {
        let h = try Harness()
        try h.run()
        let tmp = h.scratch.runDir.appendingPathComponent("checkpoints/combine/.values.arrow.tmp-1-abcdef12")
        try Data("x".utf8).write(to: tmp)
        try h.run()
        #expect(!FileManager.default.fileExists(atPath: tmp.path))
    }

    @Test("FileRecord of a file read in blocks, or through a mapping, equals the record of its bytes")
    func fileRecord() throws {
        let root = try Scratch().root
        // Around the 4 MB read block and the 32-byte hash step; empty.
        for count in [0, 1, 33, 3_000_000, 4 << 20, (4 << 20) + 5, 9_000_001] {
            let url = root.appendingPathComponent("blob\(count)")
            let bytes = Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 20) })
            try bytes.write(to: url)
            #expect(try FileRecord.of(fileAt: url) == FileRecord(bytes), "\(count) bytes")
            #expect(try FileRecord.of(writtenFileAt: url) == FileRecord(bytes), "\(count) bytes, mapped")
        }
        #expect(throws: FingerprintError.self) { try FileRecord.of(fileAt: root.appendingPathComponent("missing")) }
        #expect(throws: FingerprintError.self) { try FileRecord.of(writtenFileAt: root.appendingPathComponent("missing")) }
    }

    @Test("ContentHash: the same for any chunking, different for a changed, moved, added or removed byte")
    func contentHash() {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<10_007).map { _ in UInt8.random(in: 0...255, using: &rng) }
        func hash(_ b: [UInt8], chunks: [Int]) -> Fingerprint {
            var h = ContentHash(), at = 0, i = 0
            while at < b.count {
                let n = min(chunks[i % chunks.count], b.count - at)
                b[at..<(at + n)].withUnsafeBytes { h.update($0) }
                at += n; i += 1
            }
            return h.finalize()
        }
        let whole = hash(bytes, chunks: [bytes.count])
        for chunks in [[1], [7], [31, 33], [32], [1000, 3], [4096]] {
            #expect(hash(bytes, chunks: chunks) == whole, "chunks \(chunks)")
        }
        var changed = bytes
        for position in [0, 31, 32, 5_000, 10_000, 10_006] {
            changed = bytes
            changed[position] ^= 1
            #expect(hash(changed, chunks: [bytes.count]) != whole, "byte \(position)")
        }
        var swapped = bytes
        swapped.swapAt(0, 8)
        #expect(swapped == bytes || hash(swapped, chunks: [bytes.count]) != whole)
        #expect(hash(bytes + [0], chunks: [bytes.count + 1]) != whole)
        #expect(hash(Array(bytes.dropLast()), chunks: [bytes.count]) != whole)
        #expect(ContentHash().finalize() != hash([0], chunks: [1]))
        #expect(FileRecord(Data(bytes)).hash == whole)
    }
}

@Suite struct SystemErrorTextTests {
    @Test("a full disk is named in words (Foundation's write to /dev/full)")
    func diskFull() throws {
        do {
            try Data("x".utf8).write(to: URL(fileURLWithPath: "/dev/full"))
            Issue.record("writing to /dev/full succeeded")
        } catch {
            #expect(SystemErrorText.describe(error).contains("no space left on device"), "\(SystemErrorText.describe(error)) from \(error)")
        }
    }

    @Test("errno values an operator meets have words")
    func posix() {
        #expect(SystemErrorText.posix(ENOSPC) == "no space left on device")
        #expect(SystemErrorText.posix(EACCES) == "permission denied")
        #expect(SystemErrorText.posix(ENOENT) == "no such file or folder")
        #expect(SystemErrorText.posix(EROFS) == "read-only file system")
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: 0, userInfo: [
            NSFilePathErrorKey: "/x/y", NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)),
        ])
        #expect(SystemErrorText.describe(wrapped) == "/x/y: permission denied")
    }

    @Test("a failing atomic write names the file and the cause, and leaves no temporary file")
    func atomicWriteFailure() throws {
        let dir = try Scratch().root
        let target = dir.appendingPathComponent("f.bin")
        do {
            try AtomicFile.replace(target) { _ in throw NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)) }
            Issue.record("no error")
        } catch let e as AtomicFileError {
            #expect("\(e)" == "cannot write \(target.path): no space left on device")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { AtomicFile.isTemporary($0) }.isEmpty)
    }
}

@Suite struct LogFormatTests {
    @Test("the JSON log handler writes one object per line with level, message and metadata")
    func jsonLines() throws {
        let lines = LockedLines()
        var handler = JSONLogHandler(label: "ydelse") { lines.append($0) }
        handler.logLevel = .info
        var logger = Logger(label: "ydelse") { _ in handler }
        logger[metadataKey: "stage"] = "normalise"
        logger.notice("ran in 1.2 s")
        logger.debug("not shown")
        let all = lines.all
        #expect(all.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: all[0]) as? [String: String])
        #expect(object["message"] == "ran in 1.2 s" && object["level"] == "notice" && object["stage"] == "normalise")
        #expect(all[0].last == 0x0A && !all[0].dropLast().contains(0x0A))
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [Data] = []
    func append(_ d: Data) { lock.lock(); lines.append(d); lock.unlock() }
    var all: [Data] { lock.lock(); defer { lock.unlock() }; return lines }
}
