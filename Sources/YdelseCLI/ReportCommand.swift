import ArgumentParser
import ColumnStore
import Foundation
import Report
import Stages

/// `ydelse report --published DIR --month YYYY-MM --out DIR`: the HTML report from a folder of
/// published tables, outside a pipeline run (the `report` stage does the same inside a run).
/// `--check` then renders every page in headless Chromium (see ``BrowserCheck``); without
/// `--published` it only checks the pages already in `--out` (e.g. `OUT/YYYYMM/report`).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the HTML report from a folder of published/*.csv tables, and optionally check it in headless Chromium.")
    @Option(help: "A folder holding the published CSV tables (omit to only --check the pages in --out).") var published: String?
    @Option(help: "The reporting month, YYYY-MM (with --published).") var month: String?
    @Option(help: "Where to write the pages (index.html, <a-kasse>.html, jobsamtaler.html).") var out: String
    @Flag(help: "Render every page in headless Chromium; fail on a console error or a missing element.") var check = false
    @Option(help: "With --check: folder for PNG screenshots of index.html and one a-kasse page.") var screenshots: String?
    @Option(help: "With --check: also save the screenshot of index.html to this file (e.g. docs/report.png).") var keepScreenshot: String?

    func validate() throws {
        if published != nil {
            guard let month, YearMonth(month) != nil else { throw ValidationError("--published needs --month YYYY-MM") }
        } else if !check {
            throw ValidationError("give --published and --month to write a report, or --check to check the pages in --out")
        }
    }

    func run() throws {
        do {
            let outDir = URL(fileURLWithPath: out, isDirectory: true)
            if let published, let month = month.flatMap(YearMonth.init) {
                let pages = try ReportStage.pages(publishedDirectory: URL(fileURLWithPath: published), month: month)
                try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
                for (path, bytes) in pages.sorted(by: { $0.key < $1.key }) {
                    let name = String(path.dropFirst("report/".count))
                    try Data(bytes).write(to: outDir.appendingPathComponent(name), options: .atomic)
                }
                print("wrote \(pages.count) pages to \(outDir.path)")
            }
            guard check else { return }
            let shots = screenshots.map { URL(fileURLWithPath: $0, isDirectory: true) }
            let result = try BrowserCheck().check(reportDirectory: outDir, screenshots: shots)
            for line in result.log { print(line) }
            if let keep = keepScreenshot, let first = result.screenshots.first {
                let target = URL(fileURLWithPath: keep)
                try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: first, to: target)
                print("kept \(target.path)")
            }
        } catch {
            FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
