import Foundation
import Pipeline
import Testing

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let s = try Scratch()
        let url = s.root.appendingPathComponent("deep/er/file.json")
        try AtomicFile.write(Data("one".utf8), to: url)
        try AtomicFile.write(Data("two".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "two")
        let names = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(names == ["file.json"])
    }

    @Test func failedWriteKeepsTheOldFileAndRemovesTheTemporary() throws {
        let s = try Scratch()
        let url = s.root.appendingPathComponent("file.txt")
        try AtomicFile.write(Data("old".utf8), to: url)
        #expect(throws: TestFailure.self) {
            try AtomicFile.replace(url) { tmp in
                try Data("half".utf8).write(to: tmp)
                throw TestFailure(message: "crash while writing")
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.root.path).sorted() == ["data", "file.txt"])
    }
}
