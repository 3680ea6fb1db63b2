/// Tema 3 – Indsats (FSG-3.1).
extension ExperimentPage {
    static let kategorier = ["Vejledning og opkvalificering", "6 ugers jobrettet uddannelse", "Virksomhedspraktik",
                             "Løntilskud", "Rådighedsafprøvende tilbud"]

    func tema3() -> Node {
        let t = data["m3_1_tilbud.csv"]
        let ms = months(t), total = ReportPages.total
        let series = Self.kategorier.map { k in
            ChartSeries(name: k, cells: ms.map { t.cell(["maaned": $0, "akasse": focus, "kategori": k], "personer") })
        }
        let kat = Self.kategorier + [total]
        let shares = Self.kategorier.map { t.cell(["maaned": total, "akasse": focus, "kategori": $0], "andel") }
        return Blocks.tema(id: "tema-3", title: "Tema 3 – Indsats", [
            Blocks.maaling(id: "maaling-3-1", title: "Måling 3.1 – Tilbud og indsatser i forsøgsperioden - antal personer, som påbegyndte et tilbud eller en indsats i forsøgsperioden - per måned", [
                BarChart(id: "chart-3-1", title: "Personer, som påbegyndte et tilbud eller en indsats - per måned og kategori",
                         description: "Stablet søjlediagram over månederne: antal personer, som påbegyndte et tilbud, stablet efter indsatskategori. Tallene står i tabellen ved figuren.",
                         categories: DanishMonth.axisLabels(ms), series: series, layout: .stacked).render(),
                Blocks.table(caption: nil, headers: ["Måned"] + kat, rows: ms.map { m in
                    Blocks.Row(label: m, cells: kat.map { t.cell(["maaned": m, "akasse": focus, "kategori": $0], "personer") })
                }),
                Blocks.heading("Antal personer, som påbegyndte et tilbud eller en indsats i forsøgsperioden fordelt på kategorier - \(Self.period)"),
                Blocks.table(caption: nil, headers: ["Indsatskategori"] + columns, rows: kat.map { k in
                    Blocks.Row(label: k, cells: columns.map { t.cell(["maaned": total, "akasse": $0, "kategori": k], "personer") },
                               kind: k == total ? .total : .plain)
                }),
                Blocks.heading("Tilbud fordelt på kategorier - \(Self.period)"),
                BarChart(id: "chart-3-1-fordeling", title: "Tilbud fordelt på kategorier",
                         description: "Vandret søjlediagram: hver indsatskategoris andel af tilbuddene i perioden.",
                         categories: Self.kategorier.map { [$0] }, series: [ChartSeries(name: "Andel", cells: shares)],
                         orientation: .horizontal, percent: true).render(),
                Blocks.table(caption: nil, headers: ["Indsatskategori", "Fordeling mellem kategorier"], rows: kat.map { k in
                    Blocks.Row(label: k, cells: [t.cell(["maaned": total, "akasse": focus, "kategori": k], "andel")],
                               kind: k == total ? .total : .plain)
                }, percent: true),
            ]),
        ])
    }
}
