import Foundation
import Report
import Testing

@Suite("Report pages (issue 10): only published figures, symbols, well-formed, no pnr")
struct ReportPagesTests {
    @Test("every page of OUTPUTS.md is written: index, one per a-kasse (spaces as -), jobsamtaler", arguments: ReportFixture.all)
    func pagePaths(fixture: ReportFixture) throws {
        let pages = try fixture.pages()
        let expected = ["report/index.html", "report/3F-A.html", "report/BUPL-A.html", "report/Dansk-Metal-A.html",
                        "report/FOA-A.html", "report/FTF-A.html", "report/HK-A.html", "report/MA-A.html",
                        "report/Min-A.html", "report/SL-A.html", "report/jobsamtaler.html"]
        #expect(Set(pages.keys) == Set(expected))
        #expect(Set(ReportPages.paths) == Set(expected))
    }

    @Test("pages are well-formed XHTML with lang=da, inline CSS with an A4 landscape print layout, no script, no network", arguments: ReportFixture.all)
    func wellFormed(fixture: ReportFixture) throws {
        let pages = try fixture.pages()
        for (path, bytes) in pages {
            let root = try StrictPageParser.parse(bytes)
            #expect(root.name == "html", "\(path)")
            #expect(root.attributes["lang"] == "da", "\(path)")
            let css = root.descendants("style").map(\.text).joined()
            #expect(css.contains("@page { size: A4 landscape"), "\(path)")
            #expect(css.contains("break-before: page"), "\(path)")
            #expect(root.descendants("script").isEmpty, "\(path)")
            #expect(root.descendants("link").isEmpty && root.descendants("img").isEmpty, "\(path)")
            for e in root.all {
                for (k, v) in e.attributes where k != "xmlns" {
                    #expect(!v.contains("http://") && !v.contains("https://"), "\(path): \(e.name) \(k)=\(v)")
                }
            }
            #expect(!root.descendants("svg").isEmpty || path.hasSuffix("jobsamtaler.html"), "\(path)")
        }
    }

    @Test("every figure shown equals the published cell named in its data-src (text as published, % after shares)", arguments: ReportFixture.all)
    func figuresTraceToCells(fixture: ReportFixture) throws {
        for (path, root) in try fixture.parsedPages() {
            var traced = 0
            for e in root.all {
                guard let src = e.attributes["data-src"] else { continue }
                let cell = try #require(fixture.cell(src), "\(path): data-src \(src) names no fixture cell")
                traced += 1
                if e.name == "rect" || e.name == "circle" {
                    let value = try #require(ReportFixture.number(cell), "\(path): \(src) is drawn but holds '\(cell)'")
                    #expect(Double(e.attributes["data-value"] ?? "") == value, "\(path): \(src)")
                } else {
                    let shown = e.text
                    let ok = shown == cell || shown == cell + " %" || (cell.isEmpty && shown == "–")
                    #expect(ok, "\(path): \(src) shows '\(shown)', published '\(cell)'")
                    if shown.hasSuffix(" %") { #expect(src.contains("andel"), "\(path): \(src) is not a share but shows %") }
                }
            }
            #expect(traced >= 50, "\(path): only \(traced) figures traced")
        }
    }

    @Test("no figure without a source: every table cell, tile and chart label holding a digit names its published cell", arguments: ReportFixture.all)
    func noInventedNumbers(fixture: ReportFixture) throws {
        for (path, root) in try fixture.parsedPages() {
            for e in root.all where e.attributes["data-src"] == nil {
                let digit = e.ownText.contains(where: \.isNumber)
                let isFigure = e.name == "td" || e.classes.contains("tile-value")
                    || (e.name == "text" && !e.classes.isDisjoint(with: ["value", "symbol"]))
                #expect(!(isFigure && digit), "\(path): <\(e.name)> '\(e.ownText)' has no data-src")
                if (e.name == "text" || e.name == "tspan") && digit && e.ancestor("svg") != nil {
                    // Axis ticks, category labels (months, years, intervals) and the target label
                    // are not figures; every other svg text with a digit must name its cell.
                    let classes = e.name == "tspan" ? (e.parent?.classes ?? []) : e.classes
                    #expect(!classes.isDisjoint(with: ["tick", "cat", "target-label", "axis-title"]),
                            "\(path): svg text '\(e.ownText)' is neither a label nor a figure")
                }
            }
        }
    }

    @Test("no 10-digit number that could be a pnr appears in report/", arguments: ReportFixture.all)
    func noPnr(fixture: ReportFixture) throws {
        for (path, bytes) in try fixture.pages() {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.range(of: #"(?<![0-9])[0-9]{10}(?![0-9])"#, options: .regularExpression) == nil, "\(path)")
            #expect(!text.contains("pnr"), "\(path)")
        }
    }

    @Test("FSG-0.1 an a-kasse page shows only rows whose akasse is that a-kasse", arguments: ReportFixture.all)
    func akassePagesAreFiltered(fixture: ReportFixture) throws {
        let pages = try fixture.parsedPages()
        for a in ReportPages.akasser {
            let root = try #require(pages["report/" + ReportPages.fileName(akasse: a)])
            var seen = 0
            for e in root.all {
                guard let src = e.attributes["data-src"] else { continue }
                let p = src.split(separator: ":").map(String.init)
                let t = try #require(fixture.tables[p[0]])
                guard let col = t.header.firstIndex(of: "akasse") else { continue }
                #expect(t.rows[Int(p[1])! - 1][col] == a, "\(a): \(src)")
                seen += 1
            }
            #expect(seen > 100)
            #expect(root.descendants("section").contains { $0.attributes["id"] == "tema-4" } == false, "Tema 4 has no a-kasse")
        }
    }

    @Test("Danish titles and month labels: Status på forsøget – december 2020, axis sep. 2020 … dec.")
    func danishTexts() throws {
        let fixture = ReportFixture.handMade
        let pages = try fixture.parsedPages()
        let index = try #require(pages["report/index.html"])
        #expect(index.descendants("h1").first?.text == "Status på forsøget – december 2020")
        let maa = try #require(pages["report/MA-A.html"])
        #expect(maa.descendants("h1").first?.text == "Status på forsøget – december 2020 – MA-A")
        let chart = try #require(index.all.first { $0.attributes["id"] == "chart-1-1" })
        let axis = chart.descendants("tspan").map(\.text)
        #expect(axis == ["sep.", "2020", "okt.", "nov.", "dec."])
        let h3 = index.descendants("h3").map(\.text)
        #expect(h3.contains("Måling 1.1 - Visitation til forsøget - antal påbegyndte forløb - september 2020 til og med indeværende måned"))
        #expect(h3.contains { $0.hasPrefix("Måling 2.2 - Tilsynsmåling") && $0.hasSuffix("periode: september 2020 til og med december 2020") })
        #expect(h3.contains { $0.hasPrefix("Måling 4.1") && $0.hasSuffix("1. kvt. 2020") })
        #expect(DanishMonth.long("2022M03") == "marts 2022")
        #expect(DanishMonth.abbreviated("2022M05") == "maj")
    }

    @Test("FSG-2.2 the focus measure is shown against its 85 % target, judged on the published figure", arguments: ReportFixture.all)
    func focusTarget(fixture: ReportFixture) throws {
        let pages = try fixture.parsedPages()
        let t = try #require(fixture.tables["m2_2_fokusmaal.csv"])
        for (a, file) in [("I alt", "index.html")] + ReportPages.akasser.map { ($0, ReportPages.fileName(akasse: $0)) } {
            let root = try #require(pages["report/" + file])
            let row = try #require(t.rows.first { $0[0] == "Gennemsnit" && $0[1] == a })
            let status = try #require(root.all.first { $0.classes.contains("target-status") }).text
            if let v = ReportFixture.number(row[4]) {
                #expect(status.contains(v >= 85 ? "er opfyldt" : "ikke opfyldt"), "\(a): \(row[4]) → \(status)")
            } else {
                #expect(status.contains("kan ikke opgøres"), "\(a)")
            }
            let target = root.all.filter { $0.classes.contains("target") }
            #expect(!target.isEmpty, "\(a): no 85 % line")
        }
    }

    @Test("MEAS-4/FOCUS-1 jobsamtaler: kommuner ranked by Måling 4 for 12 måneder og derover, undefined last", arguments: ReportFixture.all)
    func jobsamtalerRanking(fixture: ReportFixture) throws {
        let root = try #require(try fixture.parsedPages()["report/jobsamtaler.html"])
        let chart = try #require(root.all.first { $0.attributes["id"] == "chart-job-kommuner" })
        let drawn = chart.descendants("rect").compactMap { Double($0.attributes["data-value"] ?? "") }
        #expect(drawn == drawn.sorted(by: >))
        let t = try #require(fixture.tables["jobsamtaler.csv"])
        let rows = t.rows.filter { $0[1] != "I alt" && $0[2] == "I alt" && $0[3] == "12 måneder og derover" }
        #expect(drawn.count == rows.filter { ReportFixture.number($0[12]) != nil }.count)
        let symbols = chart.all.filter { $0.classes.contains("symbol") }
        #expect(symbols.count == rows.filter { $0[12].isEmpty }.count)
        #expect(symbols.allSatisfy { $0.text == "–" })
    }
}

@Suite("Report tables (issue 10): every figure sits in the row of its own label")
struct ReportTableRowTests {
    /// Row labels the pages write differently from the published key.
    static let aliases = ["Fokusmål (gennemsnit)": "Gennemsnit", "Hele landet": "I alt"]

    @Test("a table row's label (month, a-kasse, kommune, årsag, …) is a key of the published row of every figure in it", arguments: ReportFixture.all)
    func rowsMatchLabels(fixture: ReportFixture) throws {
        var checked = 0
        for (path, root) in try fixture.parsedPages() {
            for tr in root.descendants("tr") {
                guard let th = tr.children.first(where: { $0.name == "th" && $0.attributes["scope"] == "row" }) else { continue }
                let label = th.text
                for td in tr.children where td.name == "td" {
                    guard let src = td.attributes["data-src"] else { continue }
                    let p = src.split(separator: ":").map(String.init)
                    let fields = try #require(fixture.tables[p[0]]).rows[Int(p[1])! - 1]
                    let ok = fields.contains { label == $0 || label.hasSuffix("(\($0))") }
                        || (Self.aliases[label].map(fields.contains) ?? false)
                        || (label == "I alt" && fields.contains("Gennemsnit"))
                    #expect(ok, "\(path): row '\(label)' shows \(src) from row \(fields)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }
}
