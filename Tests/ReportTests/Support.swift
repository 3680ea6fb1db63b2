import ColumnStore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Report
import Stages
import Testing
import TestScratch

// Shared helpers of the ReportTests: the hand-made published/ fixture, the pages rendered from
// it, and a strict XML parser that turns a page into a small element tree.

/// A folder of published tables the report is built from in the tests.
struct ReportFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let published: URL
    let month: YearMonth
    var testDescription: String { name }

    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repoRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// `Fixtures/published` (written by `make_fixture.py`, month 2020-12): every presentation case.
    static let handMade = ReportFixture(name: "hand-made fixture 2020-12",
                                        published: testsDirectory.appendingPathComponent("Fixtures/published", isDirectory: true),
                                        month: YearMonth("2020-12")!)
    /// `Fixtures/sample-202203`: the sample data's published tables (see its README).
    static let sample = ReportFixture(name: "sample-data published 2022-03",
                                      published: testsDirectory.appendingPathComponent("Fixtures/sample-202203", isDirectory: true),
                                      month: YearMonth("2022-03")!)
    static let all = [handMade, sample]

    /// The fixture's CSV files, parsed independently of the report code (plain `;` split: the
    /// published tables have no quoted fields), by file name.
    var tables: [String: (header: [String], rows: [[String]])] {
        Self.cache[name]!.tables
    }

    /// Every page rendered from the fixture, by path relative to the run folder.
    func pages() throws -> [String: [UInt8]] { try Self.cache[name]!.pages.get() }

    /// The fixture's pages, parsed.
    func parsedPages() throws -> [String: XElement] {
        var out: [String: XElement] = [:]
        for (path, bytes) in try pages() { out[path] = try StrictPageParser.parse(bytes) }
        return out
    }

    /// The text of the cell `file:row:column` (row 1-based), or nil.
    func cell(_ source: String) -> String? {
        let p = source.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard p.count == 3, let t = tables[p[0]], let row = Int(p[1]), row >= 1, row <= t.rows.count,
              let col = t.header.firstIndex(of: p[2]) else { return nil }
        return t.rows[row - 1][col]
    }

    /// The fields of the row a `data-src` names.
    func row(_ source: String) -> [String]? {
        let p = source.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard p.count == 3, let t = tables[p[0]], let row = Int(p[1]), row >= 1, row <= t.rows.count else { return nil }
        return t.rows[row - 1]
    }

    /// A Danish number (`1.234`, `84,99`) as a Double, parsed here independently of the report.
    static func number(_ text: String) -> Double? {
        guard text.range(of: #"^-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?$|^-?[0-9]+(,[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        return Double(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))
    }

    /// A copy of the fixture in a fresh run folder (`<tmp>/published/…`).
    func runFolder(_ tag: String) throws -> URL {
        let dir = try TestScratch.folder("reporttests-\(tag)")
        try FileManager.default.copyItem(at: published, to: dir.appendingPathComponent("published"))
        return dir
    }

    /// Tables and pages of every fixture, computed once per test process.
    struct Cached: Sendable {
        let tables: [String: (header: [String], rows: [[String]])]
        let pages: Result<[String: [UInt8]], Error>
    }

    static let cache: [String: Cached] = Dictionary(uniqueKeysWithValues: all.map { f in
        var tables: [String: (header: [String], rows: [[String]])] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: f.published.path)) ?? [] where name.hasSuffix(".csv") {
            let text = (try? String(contentsOf: f.published.appendingPathComponent(name), encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            let split = lines.map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
            tables[name] = (split.first ?? [], Array(split.dropFirst()))
        }
        let pages = Result { try ReportStage.pages(publishedDirectory: f.published, month: f.month) }
        return (f.name, Cached(tables: tables, pages: pages))
    })
}

/// An element of a parsed page.
final class XElement {
    let name: String
    let attributes: [String: String]
    var children: [XElement] = []
    /// Text directly inside this element, and the text of all its descendants.
    var ownText = ""
    weak var parent: XElement?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    var text: String { ownText + children.map(\.text).joined() }
    var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }

    /// This element and all its descendants, in document order.
    var all: [XElement] { [self] + children.flatMap(\.all) }

    func descendants(_ name: String) -> [XElement] { all.filter { $0.name == name } }

    func ancestor(_ name: String) -> XElement? {
        var p = parent
        while let e = p { if e.name == name { return e }; p = e.parent }
        return nil
    }
}

/// Parses a page with Foundation's XMLParser, which rejects anything not well-formed.
final class StrictPageParser: NSObject, XMLParserDelegate {
    private var stack: [XElement] = []
    private(set) var root: XElement?

    static func parse(_ bytes: [UInt8]) throws -> XElement {
        let delegate = StrictPageParser()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            throw PageParseError(description: "not well-formed at line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        return root
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let e = XElement(name: name, attributes: attributes)
        e.parent = stack.last
        stack.last?.children.append(e)
        if root == nil { root = e }
        stack.append(e)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Keep document order of text relative to child elements good enough for leaf elements.
        stack.last?.ownText += string
    }
}

struct PageParseError: Error, CustomStringConvertible { let description: String }

