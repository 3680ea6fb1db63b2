/// Tema 1 – Visitation til og fra forsøget (FSG-1.1..1.3).
extension ExperimentPage {
    static let aarsager = ["Behov for tidlig indsats", "Behov for uddannelsespålæg", "Forsøgsperiode afsluttet",
                           "Kommune ej i forsøg", "Optjent ny dagpengeret", "Udmeldt af a-kasse i forsøg"]
    static let period = "september 2020 til og med indeværende måned"

    func tema1() -> Node {
        let m11 = data["m1_1_paabegyndte.csv"], m12 = data["m1_2_afsluttede.csv"], m13 = data["m1_3_omfattede.csv"]
        let total = ReportPages.total
        // 1.2: stacked bars of the months by årsag, and the period by årsag.
        let ms = months(m12)
        let series = Self.aarsager.map { a in
            ChartSeries(name: a, cells: ms.map { m12.cell(["maaned": $0, "akasse": focus, "aarsag": a], "antal") })
        }
        let byAarsag = (Self.aarsager + [total]).map { a in
            Blocks.Row(label: a, cells: [m12.cell(["maaned": total, "akasse": focus, "aarsag": a], "antal"),
                                         m12.cell(["maaned": total, "akasse": focus, "aarsag": a], "andel")],
                       kind: a == total ? .total : .plain)
        }
        return Blocks.tema(id: "tema-1", title: "Tema 1 – Visitation til og fra forsøget", [
            Blocks.maaling(id: "maaling-1-1", title: "Måling 1.1 - Visitation til forsøget - antal påbegyndte forløb - \(Self.period)",
                monthChart(id: "chart-1-1", title: "Visitation til forsøget - antal påbegyndte forløb - per måned", table: m11,
                           column: "antal", seriesName: "Påbegyndte forløb")
                + perAkasse(id: "chart-1-1-akasse", title: "Visitation til forsøget per a-kasse - antal og andel af påbegyndte forløb - \(Self.period)",
                            table: m11, maaned: total)),
            Blocks.maaling(id: "maaling-1-2", title: "Måling 1.2 - Visitation ud af forsøget - antal afsluttede forløb fordelt på afslutningsårsager - \(Self.period)", [
                BarChart(id: "chart-1-2", title: "Afsluttede forløb fordelt på afslutningsårsager - per måned",
                         description: "Stablet søjlediagram over månederne: antal afsluttede forløb, stablet efter afslutningsårsag. Tallene står i tabellen ved figuren.",
                         categories: DanishMonth.axisLabels(ms), series: series, layout: .stacked).render(),
                Blocks.table(caption: nil, headers: ["Måned"] + Self.aarsager, rows: ms.enumerated().map { i, m in
                    Blocks.Row(label: m, cells: series.map { $0.cells[i] })
                }),
                Blocks.heading("Afsluttede forløb fordelt på afslutningsårsager - antal og andel afsluttede forløb - \(Self.period)"),
                Blocks.table(caption: nil, headers: ["Afslutningsårsag", "Antal", "Andel"], rows: byAarsag, percentColumns: [1]),
            ] + perAkasse(id: "chart-1-2-akasse", title: "Visitation ud af forsøget per a-kasse - antal og andel af total antal afsluttede forløb - \(Self.period)",
                          table: m12, maaned: total, extra: ["aarsag": total])),
            Blocks.maaling(id: "maaling-1-3", title: "Måling 1.3 - Personer omfattet af forsøg - antal personer omfattet af forsøg - \(Self.period)",
                monthChart(id: "chart-1-3", title: "Personer omfattet af forsøg sidste uge i måneden - per måned", table: m13,
                           column: "antal", seriesName: "Personer omfattet")
                + perAkasse(id: "chart-1-3-akasse", title: "Personer omfattet af forsøg per a-kasse - antal og andel af personer omfattet af forsøg - indeværende måned",
                            table: m13, maaned: month)),
        ])
    }
}
