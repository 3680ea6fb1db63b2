import Foundation
import Report
import Testing
import TestScratch

/// Renders the pages in headless Chromium. A missing browser FAILS these tests (`make deps`
/// installs Debian's chromium); they never skip.
@Suite("Report in a real browser (issue 10): headless Chromium, console errors, elements, screenshots", .serialized)
struct ReportBrowserTests {
    /// Writes the fixture's pages into a fresh folder.
    static func writePages() throws -> URL {
        let dir = try TestScratch.folder("report-browser")
        for (path, bytes) in try ReportFixture.handMade.pages() {
            try Data(bytes).write(to: dir.appendingPathComponent(String(path.dropFirst("report/".count))))
        }
        return dir
    }

    @Test("every page loads without a console message and with its sections and charts; screenshots of index and MA-A under out/")
    func everyPageRenders() throws {
        let check = try BrowserCheck()
        let dir = try Self.writePages()
        let shots = ReportFixture.repoRoot.appendingPathComponent("out/report-check", isDirectory: true)
        let result = try check.check(reportDirectory: dir, screenshots: shots)
        #expect(result.log.filter { $0.hasPrefix("ok ") }.count == ReportPages.paths.count)
        #expect(result.screenshots.map(\.lastPathComponent) == ["index.png", "MA-A.png"])
        for png in result.screenshots {
            let bytes = try Data(contentsOf: png)
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(png.path) is not a PNG")
            #expect(bytes.count > 20_000, "\(png.path) looks empty")
        }
    }

    @Test("the check fails on a console error and on a missing element (so it can fail)")
    func checkCanFail() throws {
        let check = try BrowserCheck()
        let dir = try Self.writePages()
        // A folder with index.html alone, so the check reaches the broken page at once.
        let only = dir.appendingPathComponent("only-index", isDirectory: true)
        try FileManager.default.createDirectory(at: only, withIntermediateDirectories: true)
        let index = only.appendingPathComponent("index.html")
        let good = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        try good.write(to: index, atomically: true, encoding: .utf8)
        _ = try check.check(reportDirectory: only, screenshots: nil)
        try good.replacingOccurrences(of: "</body>", with: "<script>console.error('boom')</script></body>")
            .write(to: index, atomically: true, encoding: .utf8)
        #expect { try check.check(reportDirectory: only, screenshots: nil) } throws: { "\($0)".contains("console") && "\($0)".contains("boom") }
        try good.replacingOccurrences(of: "id=\"tema-4\"", with: "id=\"tema-x\"").write(to: index, atomically: true, encoding: .utf8)
        #expect { try check.check(reportDirectory: only, screenshots: nil) } throws: { "\($0)".contains("id=\"tema-4\"") }
    }
}
