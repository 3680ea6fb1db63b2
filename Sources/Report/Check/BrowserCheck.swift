import Foundation

/// Renders report pages in headless Chromium (Debian's `chromium`; `make deps` installs it) and
/// fails on a console message or a missing element; writes PNG screenshots.
///
/// Used by `ydelse report --check`, `make report-check` and the ReportTests. A missing browser
/// is an error, never a silent skip.
public struct BrowserCheck: Sendable {
    /// The browser executable.
    public let executable: String
    /// Seconds one browser call may take.
    public var timeout: Double = 120

    /// Finds the browser: `$CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome` on the PATH.
    public init(executable: String? = nil) throws {
        if let e = executable ?? ProcessInfo.processInfo.environment["CHROMIUM"] {
            self.executable = e
            return
        }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in path {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) {
                    self.executable = candidate
                    return
                }
            }
        }
        throw BrowserCheckError.noBrowser
    }

    /// What the browser made of one page.
    public struct Inspection: Sendable {
        /// The DOM after loading (`--dump-dom`).
        public var dom: String
        /// Console messages the page caused (lines of the browser log with `:CONSOLE`).
        public var console: [String]
    }

    /// The result of checking a report folder.
    public struct Result: Sendable {
        /// One line per page checked and per screenshot written.
        public var log: [String]
        /// The screenshots written, `index.png` first.
        public var screenshots: [URL]
    }

    /// The ids a page must have, by file name: the sections of the report.
    public static func requiredIDs(page: String) -> [String] {
        switch page {
        case "index.html":
            return ["status", "tema-1", "tema-2", "tema-3", "tema-4", "bilag-1", "bilag-2", "bilag-3",
                    "chart-1-1", "chart-1-2", "chart-2-2", "chart-3-1", "chart-4-1", "chart-4-2"]
        case "jobsamtaler.html":
            return ["jobsamtaler-land", "jobsamtaler-kommuner", "jobsamtaler-fokus", "chart-job-kommuner"]
        default:
            return ["status", "tema-1", "tema-2", "tema-3", "bilag-1", "bilag-2", "bilag-3", "chart-1-1", "chart-2-2"]
        }
    }

    /// Loads every `*.html` in `reportDirectory`; throws ``BrowserCheckError/pageFailed(page:problems:)``
    /// for the first page with a console message or without one of its ``requiredIDs(page:)``.
    /// With `screenshots`, writes `index.png` and `MA-A.png` (the a-kasse page of [S002]) there.
    public func check(reportDirectory: URL, screenshots: URL?) throws -> Result {
        let pages = try FileManager.default.contentsOfDirectory(atPath: reportDirectory.path)
            .filter { $0.hasSuffix(".html") }.sorted()
        guard !pages.isEmpty else { throw BrowserCheckError.noPages(reportDirectory.path) }
        var log: [String] = []
        for page in pages {
            let url = reportDirectory.appendingPathComponent(page)
            let inspection = try inspect(url)
            var problems = inspection.console.map { "console: \($0)" }
            for id in Self.requiredIDs(page: page) where !inspection.dom.contains("id=\"\(id)\"") {
                problems.append("missing element id=\"\(id)\"")
            }
            if !inspection.dom.contains("<svg") && page != "jobsamtaler.html" { problems.append("no <svg> chart") }
            if !problems.isEmpty { throw BrowserCheckError.pageFailed(page: page, problems: problems) }
            log.append("ok \(page): \(inspection.dom.utf8.count) bytes of DOM, no console messages")
        }
        var shots: [URL] = []
        if let screenshots {
            try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
            for page in ["index.html", "MA-A.html"] where pages.contains(page) {
                let png = screenshots.appendingPathComponent(page.replacingOccurrences(of: ".html", with: ".png"))
                try screenshot(reportDirectory.appendingPathComponent(page), to: png)
                shots.append(png)
                log.append("screenshot \(png.path)")
            }
        }
        return Result(log: log, screenshots: shots)
    }

    /// The DOM and console messages of `page`.
    public func inspect(_ page: URL) throws -> Inspection {
        let (out, err) = try run(["--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString])
        let console = err.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        guard out.contains("<html") else {
            throw BrowserCheckError.pageFailed(page: page.lastPathComponent, problems: ["the browser returned no DOM"])
        }
        return Inspection(dom: out, console: console)
    }

    /// A PNG screenshot of the top `height` pixels of `page` at width `width`.
    public func screenshot(_ page: URL, to png: URL, width: Int = 1400, height: Int = 2200) throws {
        try? FileManager.default.removeItem(at: png)
        _ = try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png.path)", page.absoluteString])
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw BrowserCheckError.pageFailed(page: page.lastPathComponent, problems: ["no screenshot written to \(png.path)"])
        }
    }

    /// Runs the browser headless with `arguments`; returns stdout and stderr.
    func run(_ arguments: [String]) throws -> (String, String) {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("ydelse-browser-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let outURL = work.appendingPathComponent("stdout"), errURL = work.appendingPathComponent("stderr")
        guard fm.createFile(atPath: outURL.path, contents: nil), fm.createFile(atPath: errURL.path, contents: nil) else {
            throw BrowserCheckError.launchFailed(executable: executable, reason: "cannot create log files in \(work.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(work.appendingPathComponent("profile").path)"] + arguments
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BrowserCheckError.launchFailed(executable: executable, reason: "\(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw BrowserCheckError.timedOut(executable: executable, seconds: timeout)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try? outHandle.close()
        try? errHandle.close()
        let out = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let err = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BrowserCheckError.launchFailed(executable: executable, reason: "exit status \(process.terminationStatus): \(err.suffix(600))")
        }
        return (out, err)
    }
}

/// The browser check failed.
public enum BrowserCheckError: Error, CustomStringConvertible, Equatable {
    case noBrowser
    case noPages(String)
    case launchFailed(executable: String, reason: String)
    case timedOut(executable: String, seconds: Double)
    case pageFailed(page: String, problems: [String])

    public var description: String {
        switch self {
        case .noBrowser:
            return "no headless browser found (chromium, chromium-browser or google-chrome on the PATH, or $CHROMIUM); install Debian's chromium: `make deps` or `apt-get install chromium`"
        case let .noPages(dir):
            return "no .html pages in \(dir)"
        case let .launchFailed(e, reason):
            return "browser \(e) failed: \(reason)"
        case let .timedOut(e, s):
            return "browser \(e) did not finish within \(Int(s)) s"
        case let .pageFailed(page, problems):
            return "page \(page) failed the browser check: " + problems.joined(separator: "; ")
        }
    }
}
