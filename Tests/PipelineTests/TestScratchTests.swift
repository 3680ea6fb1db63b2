import Foundation
import Testing
@testable import TestScratch
#if canImport(Glibc)
import Glibc
#endif

/// The tests' temporary folders: all inside this process's folder, and folders of test processes
/// that no longer run are swept (a full `make test` used to leave about a gigabyte in /tmp).
@Suite struct TestScratchTests {
    @Test("a test folder lies in the folder of this test process")
    func foldersLieInTheProcessFolder() throws {
        let a = try TestScratch.folder("one"), b = try TestScratch.folder("one")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("\(TestScratch.prefix)\(getpid())")
        #expect(a.deletingLastPathComponent().standardizedFileURL == root.standardizedFileURL)
        #expect(a != b)
        #expect(FileManager.default.fileExists(atPath: a.path))
    }

    @Test("the folders of test processes that no longer run are swept; running ones are kept")
    func staleFoldersAreSwept() throws {
        let tmp = try TestScratch.folder("sweep")
        // A pid no process has now.
        let dead = try #require((100_000...4_000_000).lazy.map { Int32($0) }.first { kill($0, 0) != 0 && errno == ESRCH })
        let names = ["\(TestScratch.prefix)\(dead)", "\(TestScratch.prefix)\(getpid())", "\(TestScratch.prefix)1", "unrelated-\(dead)"]
        for n in names { try FileManager.default.createDirectory(at: tmp.appendingPathComponent(n), withIntermediateDirectories: true) }
        TestScratch.sweep(tmp)
        let left = try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted()
        #expect(left == Array(names.dropFirst()).sorted())
    }
}
