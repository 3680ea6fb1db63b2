/// Tema 4 – outcomes (FSG-4.1, FSG-4.2); on the all-a-kasser page only, as the tables have no a-kasse.
extension ExperimentPage {
    static let populations = ["Forsøg", "Ikke-forsøg"]
    static let statuses = ["Beskæftigelse", "Dagpenge", "Anden offentlig forsørgelse", "Øvrige"]
    static let caveat = "Det er vigtigt at gøre opmærksom på, at opgørelsen er beskrivende statistik og ikke en opgørelse af effekt."

    /// `2022K1` → `1. kvt. 2022`.
    static func quarterText(_ q: String) -> String {
        let p = q.split(separator: "K")
        guard p.count == 2 else { return q }
        return "\(p[1]). kvt. \(p[0])"
    }

    func tema4() -> Node {
        let a = data["m4_1_afgang.csv"], s = data["m4_2_status.csv"]
        let quarter = Self.quarterText(a.distinct("kvartal").first ?? "")
        let weeks = a.distinct("uge").filter { Double($0) != nil }
        let xs = weeks.compactMap(Double.init)
        let series = Self.populations.map { p in
            ChartSeries(name: p, cells: weeks.map { a.cell(["population": p, "uge": $0], "andel_paa_dagpenge") })
        }
        let statusSeries = Self.populations.map { p in
            ChartSeries(name: p, cells: Self.statuses.map { s.cell(["population": p, "status": $0], "andel") })
        }
        let cohort = Blocks.table(caption: "Antal påbegyndte forløb i perioden", headers: ["Population", "Total antal påbegyndte forløb i kvartalet"],
                                  rows: Self.populations.map { p in Blocks.Row(label: p, cells: [a.row(["population": p])?.cell("kohorte")]) })
        return Blocks.tema(id: "tema-4", title: "Tema 4 – Afgang fra dagpenge og arbejdsmarkedsstatus", [
            Blocks.maaling(id: "maaling-4-1", title: "Måling 4.1 - Afgang fra dagpenge - Andel på dagpenge 0-26 uger efter påbegyndt ledighed - med tilbagefald til ydelsen - Periode: Personer påbegyndt ledighed i \(quarter)", [
                .el("div", [("class", "columns")], [
                LineChart(id: "chart-4-1", title: "Andel på dagpenge 0-26 uger efter påbegyndt ledighed",
                          description: "Kurvediagram: andelen på dagpenge i hver uge 0-26 efter påbegyndt ledighed for Forsøg og Ikke-forsøg. Tallene står i tabellen ved figuren.",
                          xValues: xs, xTicks: [0, 4, 8, 13, 17, 21, 26].filter { xs.contains($0) },
                          xAxisTitle: "Uger efter påbegyndt ledighed", series: series).render(),
                Blocks.table(caption: "Andel på dagpenge per uge", headers: ["Uge"] + Self.populations, rows: weeks.enumerated().map { i, w in
                    Blocks.Row(label: w, cells: series.map { $0.cells[i] })
                }, percent: true),
                ]),
                Blocks.note(Self.caveat),
                cohort,
            ]),
            Blocks.maaling(id: "maaling-4-2", title: "Måling 4.2 - Arbejdsmarkedsstatus 6 mdr. efter påbegyndt ledighed - Periode: Personer påbegyndt ledighed i \(quarter)", [
                BarChart(id: "chart-4-2", title: "Arbejdsmarkedsstatus 6 mdr. efter påbegyndt ledighed",
                         description: "Søjlediagram: andelen i hver arbejdsmarkedsstatus 6 måneder efter påbegyndt ledighed, Forsøg og Ikke-forsøg side om side.",
                         categories: Self.statuses.map { [$0] }, series: statusSeries, percent: true).render(),
                Blocks.note(Self.caveat),
                Blocks.table(caption: nil, headers: ["Status"] + Self.populations, rows: Self.statuses.enumerated().map { i, st in
                    Blocks.Row(label: st, cells: statusSeries.map { $0.cells[i] })
                }, percent: true),
                cohort,
            ]),
        ])
    }
}
