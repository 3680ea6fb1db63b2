import Foundation
@testable import Report
import Testing

@Suite("Report charts (issue 10): proportional bars, symbols not drawn, text alternatives")
struct ChartTests {
    /// The drawn length of a bar: its height in a vertical chart, its width in a horizontal one.
    static func length(_ rect: XElement, kind: String) -> Double {
        Double(rect.attributes[kind == "bar-horizontal" ? "width" : "height"] ?? "") ?? -1
    }

    @Test("bar lengths are proportional to the values they show, in every chart of every page", arguments: ReportFixture.all)
    func barsProportional(fixture: ReportFixture) throws {
        var charts = 0
        for (path, root) in try fixture.parsedPages() {
            for svg in root.descendants("svg") where (svg.attributes["data-kind"] ?? "").hasPrefix("bar") {
                let kind = svg.attributes["data-kind"]!
                let bars = svg.descendants("rect").filter { $0.classes.contains("bar") }
                let pairs = bars.compactMap { r -> (Double, Double)? in
                    guard let v = Double(r.attributes["data-value"] ?? "") else { return nil }
                    return (v, Self.length(r, kind: kind))
                }
                #expect(pairs.count == bars.count, "\(path) \(svg.attributes["id"] ?? "")")
                guard let top = pairs.max(by: { $0.0 < $1.0 }), top.0 > 0 else { continue }
                let k = top.1 / top.0
                for (v, l) in pairs {
                    #expect(abs(l - v * k) <= 0.011, "\(path) \(svg.attributes["id"] ?? ""): value \(v) drawn \(l), expected \(v * k)")
                }
                charts += 1
            }
        }
        #expect(charts > 50)
    }

    @Test("line chart 4.1: point heights are a linear function of the values (one y scale)")
    func lineLinear() throws {
        let fixture = ReportFixture.handMade
        let root = try #require(try fixture.parsedPages()["report/index.html"])
        let svg = try #require(root.all.first { $0.attributes["id"] == "chart-4-1" })
        let points = svg.descendants("circle").map { (Double($0.attributes["data-value"]!)!, Double($0.attributes["cy"]!)!) }
        #expect(points.count == fixture.tables["m4_1_afgang.csv"]!.rows.count)
        let first = try #require(points.first), far = try #require(points.min { $0.0 < $1.0 })
        let k = (far.1 - first.1) / (far.0 - first.0)
        #expect(k < 0, "higher values are drawn higher up")
        for (v, cy) in points { #expect(abs(cy - (first.1 + (v - first.0) * k)) <= 0.02) }
        #expect(svg.descendants("path").count == 2, "one line per population")
    }

    @Test("DISC-1/DISC-4 discretised cells are shown as their symbol, never drawn, and the figure says so", arguments: ReportFixture.all)
    func symbolsNotDrawn(fixture: ReportFixture) throws {
        let pages = try fixture.parsedPages()
        var symbols = 0
        for (path, root) in pages {
            for figure in root.descendants("figure") {
                let svg = try #require(figure.descendants("svg").first)
                for e in svg.all {
                    guard let src = e.attributes["data-src"], let cell = fixture.cell(src) else { continue }
                    if e.name == "rect" || e.name == "circle" {
                        #expect(ReportFixture.number(cell) != nil, "\(path): \(src) '\(cell)' drawn")
                    }
                    if e.classes.contains("symbol") {
                        #expect(ReportFixture.number(cell) == nil)
                        #expect(e.text == (cell.isEmpty ? "–" : cell))
                        symbols += 1
                    }
                }
                let hasSymbolCells = svg.all.contains { $0.classes.contains("symbol") }
                if hasSymbolCells {
                    #expect(figure.descendants("figcaption").contains { $0.text.contains("tegnes ikke") }, "\(path)")
                }
            }
        }
        #expect(symbols > 0)
        // BUPL-A's Måling 1.1 series: exactly its numeric months are bars, the others symbols.
        let t = try #require(fixture.tables["m1_1_paabegyndte.csv"])
        let cells = t.rows.filter { $0[1] == "BUPL-A" && $0[0] != "I alt" }.map { $0[2] }
        let svg = try #require(pages["report/BUPL-A.html"]?.all.first { $0.attributes["id"] == "chart-1-1" })
        #expect(svg.descendants("rect").count == cells.filter { ReportFixture.number($0) != nil }.count)
        #expect(svg.all.filter { $0.classes.contains("symbol") }.map(\.text) == cells.filter { ReportFixture.number($0) == nil })
    }

    @Test("every chart has a text alternative: role=img, <title> and <desc> referenced by aria-labelledby; legends for several series", arguments: ReportFixture.all)
    func textAlternatives(fixture: ReportFixture) throws {
        for (path, root) in try fixture.parsedPages() {
            let ids = Set(root.all.compactMap { $0.attributes["id"] })
            #expect(ids.count == root.all.compactMap { $0.attributes["id"] }.count, "\(path): duplicate ids")
            for svg in root.descendants("svg") {
                #expect(svg.attributes["role"] == "img")
                let refs = (svg.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
                #expect(refs.count == 2 && refs.allSatisfy(ids.contains), "\(path)")
                let title = svg.children.first(where: { $0.name == "title" })?.text ?? ""
                let desc = svg.children.first(where: { $0.name == "desc" })?.text ?? ""
                #expect(title.count > 5 && desc.count > 20, "\(path)")
            }
        }
        let index = try #require(try fixture.parsedPages()["report/index.html"])
        let stacked = try #require(index.all.first { $0.attributes["id"] == "chart-1-2" }?.parent)
        #expect(stacked.descendants("li").map { $0.text.trimmingCharacters(in: .whitespaces) } == ExperimentPage.aarsager)
    }

    @Test("ChartScale: nice maximum above the largest value, ticks from 0, pixels = value × pixelsPerUnit")
    func scale() {
        let s = ChartScale(maxValue: 1336, length: 220)
        #expect(s.maximum >= 1336 && s.maximum <= 2000)
        #expect(s.ticks.first == 0 && s.ticks.last == s.maximum)
        #expect(abs(s.pixels(668) - 220 * 668 / s.maximum) < 1e-9)
        #expect(ChartScale(maxValue: 44.6, length: 100, floor: 100).maximum == 100)
        #expect(ChartScale.tickText(2500) == "2.500")
    }

    @Test("PublishedValue: Danish numbers and the discretion symbols")
    func values() {
        #expect(PublishedValue("1.234") == .number(1234))
        #expect(PublishedValue("84,99") == .number(84.99))
        #expect(PublishedValue("3,2") == .number(3.2))
        #expect(PublishedValue("1.234.567") == .number(1_234_567))
        #expect(PublishedValue("*") == .suppressed)
        #expect(PublishedValue(".") == .undefined)
        #expect(PublishedValue("NaN") == .undefined)
        #expect(PublishedValue("") == .empty)
        #expect(PublishedValue("1.23") == .other)
        #expect(PublishedValue("I alt") == .other)
    }

    @Test("markup escapes text and attributes, so a label cannot break a page")
    func escaping() throws {
        let n = Node.el("p", [("title", "a\"<b>")], text: "Ærø & <Aabenraa>")
        #expect(n.render() == "<p title=\"a&quot;&lt;b&gt;\">Ærø &amp; &lt;Aabenraa&gt;</p>")
        _ = try StrictPageParser.parse(Array(n.render().utf8))
    }
}
