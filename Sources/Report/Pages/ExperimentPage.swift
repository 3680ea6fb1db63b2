/// The monthly status report of the experiment "Mere ansvar til a-kasser" (RULES.md Part B),
/// for all a-kasser ([S000], [S001]) or filtered to one a-kasse ([S002] for MA-A): the status
/// tiles (FSG-S), Tema 1-3, Tema 4 (all a-kasser only: its tables have no a-kasse), Bilag 1-3.
struct ExperimentPage {
    let data: PublishedData
    /// The reporting month as published (`2022M03`).
    let month: String
    /// The a-kasse the page is filtered to (rows where `akasse` is its short name), or nil for all.
    let akasse: String?
    let navigation: [(file: String, text: String)]

    /// The a-kasse whose figures the single-series charts and tiles show: the a-kasse, or `I alt`.
    var focus: String { akasse ?? ReportPages.total }
    /// The a-kasse columns of per-a-kasse tables: all nine and `I alt`, or just the a-kasse.
    var columns: [String] { akasse.map { [$0] } ?? ReportPages.akasser + [ReportPages.total] }
    /// The a-kasser of per-a-kasse charts (nine bars), or just the a-kasse.
    var chartAkasser: [String] { akasse.map { [$0] } ?? ReportPages.akasser }
    var isAll: Bool { akasse == nil }

    func render() throws -> String {
        let title = "Status på forsøget – " + DanishMonth.long(month)
        var body: [Node] = [try status()]
        body.append(tema1())
        body.append(tema2())
        body.append(tema3())
        if isAll { body.append(tema4()) }
        body += bilag()
        let subtitle = "Mere ansvar til a-kasser – monitorering" + (akasse.map { " – \($0)" } ?? " – alle a-kasser")
        return PageDocument(title: akasse.map { "\(title) – \($0)" } ?? title, subtitle: subtitle,
                            navigation: navigation, current: akasse.map(ReportPages.fileName) ?? "index.html", body: body).render()
    }

    /// The months of a time series table (every `maaned` but the totals), in file order.
    func months(_ table: PublishedTable) -> [String] {
        table.distinct("maaned").filter { $0 != ReportPages.total && $0 != "Gennemsnit" }
    }

    /// "Samlet status på forsøget": the FSG-S tiles of month M.
    func status() throws -> Node {
        let t = data["status.csv"]
        guard let row = t.row(["maaned": month, "akasse": focus]) else {
            throw ReportError.noRowsForMonth(file: "published/status.csv", month: month)
        }
        var children: [Node] = [
            .el("div", [("class", "tiles")], [
                group("Visitation", "Visitation til og fra forsøget.", [
                    Blocks.tile("Antal personer omfattet af forsøget sidste uge i måneden", row.cell("omfattet_sidste_uge")),
                    Blocks.tile("Antal påbegyndte forløb i måneden", row.cell("paabegyndte")),
                    Blocks.tile("Antal afsluttede forløb i måneden", row.cell("afsluttede")),
                ]),
                group("Kontaktforløbet", "Antal afholdte samtaler i forsøget i måneden", [
                    Blocks.tile("Antal unikke samtaler", row.cell("unikke_samtaler")),
                    Blocks.tile("Antal unikke samtaler per deltager - personer m. fuld forsøgsperiode",
                                row.cell("gns_unikke_samtaler_fuld_periode")),
                ]),
                group("Indsats", "Tilbud efter lov om en aktiv beskæftigelsesindsats kapitel 11-14.", [
                    Blocks.tile("Antal personer, som påbegyndte et tilbud i måneden", row.cell("personer_paabegyndt_tilbud")),
                    Blocks.tile("Vejledning og opkvalificering", row.cell("tilbud_vejledning_opkvalificering")),
                    Blocks.tile("Virksomhedspraktik", row.cell("tilbud_virksomhedspraktik")),
                ]),
            ]),
        ]
        if isAll {
            children.append(Blocks.heading("Påbegyndte forløb i måneden fordelt på a-kasser"))
            children.append(BarChart(
                id: "status-akasser", title: "Påbegyndte forløb i måneden fordelt på a-kasser",
                description: "Vandret søjlediagram: antal påbegyndte forløb i \(DanishMonth.long(month)) for hver af de ni a-kasser.",
                categories: chartAkasser.map { [$0] },
                series: [ChartSeries(name: "Påbegyndte forløb", cells: chartAkasser.map { t.cell(["maaned": month, "akasse": $0], "paabegyndte") })],
                orientation: .horizontal).render())
        }
        return Blocks.tema(id: "status", title: "Samlet status på forsøget – " + DanishMonth.long(month), extraClass: "status", children)
    }

    private func group(_ title: String, _ lead: String, _ tiles: [Node]) -> Node {
        .el("div", [("class", "tile-group")], [.el("h3", [], text: title), .el("p", [("class", "lead")], text: lead)] + tiles)
    }

    /// A bar chart of one column over the months, for the focus a-kasse, with its table beside
    /// it (unless `withTable` is false because another table on the page holds the same cells).
    func monthChart(id: String, title: String, table t: PublishedTable, column: String, seriesName: String,
                    extra: [String: String] = [:], percent: Bool = false, target: BarChart.Target? = nil,
                    withTable: Bool = true) -> [Node] {
        let ms = months(t)
        let cells = ms.map { t.cell(extra.merging(["maaned": $0, "akasse": focus]) { a, _ in a }, column) }
        let chart = BarChart(id: id, title: title,
                     description: "Søjlediagram over månederne \(ms.first ?? "") til \(ms.last ?? ""): \(seriesName.lowercased()), \(focus == ReportPages.total ? "alle a-kasser" : focus). Tallene står i tabellen ved figuren.",
                     categories: DanishMonth.axisLabels(ms), series: [ChartSeries(name: seriesName, cells: cells)],
                     percent: percent, target: target).render()
        guard withTable else { return [chart] }
        return [.el("div", [("class", "columns")], [
            chart,
            Blocks.table(caption: nil, headers: ["Måned", seriesName],
                         rows: ms.enumerated().map { Blocks.Row(label: $0.element, cells: [cells[$0.offset]]) }, percent: percent),
        ])]
    }

    /// Horizontal bars per a-kasse (all a-kasser page only) and a table of count and share per
    /// a-kasse column, for one month or the whole period.
    func perAkasse(id: String, title: String, table t: PublishedTable, maaned: String, extra: [String: String] = [:],
                   countColumn: String = "antal", shareColumn: String? = "andel", countHeader: String = "Antal") -> [Node] {
        func key(_ a: String) -> [String: String] { extra.merging(["maaned": maaned, "akasse": a]) { x, _ in x } }
        var nodes: [Node] = [Blocks.heading(title)]
        if isAll {
            nodes.append(BarChart(
                id: id, title: title, description: "Vandret søjlediagram: \(countHeader.lowercased()) for hver af de ni a-kasser. Tallene står i tabellen ved figuren.",
                categories: chartAkasser.map { [$0] },
                series: [ChartSeries(name: countHeader, cells: chartAkasser.map { t.cell(key($0), countColumn) })],
                orientation: .horizontal).render())
        }
        let headers = ["A-kasse", countHeader] + (shareColumn == nil ? [] : ["Andel"])
        nodes.append(Blocks.table(caption: nil, headers: headers, rows: columns.map { a in
            Blocks.Row(label: a, cells: [t.cell(key(a), countColumn)] + (shareColumn.map { [t.cell(key(a), $0)] } ?? []),
                       kind: a == ReportPages.total ? .total : .plain)
        }, percentColumns: shareColumn == nil ? [] : [1]))
        return nodes
    }
}
