/// The jobsamtaler page (RULES.md Part A, [S003]): Måling 1-5 for the whole country by benefit
/// group and Skema 1 interval, the kommuner ranked by Måling 4 for `12 måneder og derover`,
/// and the focus measure (FOCUS-1) per kommune. The tables are published undiscretised (MEAS-6).
struct JobsamtalerPage {
    let data: PublishedData
    let month: String
    let kommuneNames: [String: String]
    let navigation: [(file: String, text: String)]

    static let twelve = "12 måneder og derover"
    static let measureColumns: [(column: String, header: String)] = [
        ("samtaler_0", "0 samtaler"), ("samtaler_1", "1 samtale"), ("samtaler_2", "2 samtaler"), ("samtaler_3", "3 samtaler"),
        ("samtaler_4", "4 samtaler"), ("samtaler_5plus", "5+ samtaler"), ("personer", "Måling 2: personer"),
        ("faerre_end_4", "Måling 3: færre end 4 samtaler"), ("andel_faerre_end_4", "Måling 4: andel med færre end 4 samtaler"),
        ("fritagne", "Måling 5: fritagne"),
    ]

    func name(_ code: String) -> String {
        code == ReportPages.total ? "Hele landet" : kommuneNames[code].map { "\($0) (\(code))" } ?? code
    }

    func render() throws -> String {
        let t = data["jobsamtaler.csv"], f = data["jobsamtaler_fokus.csv"]
        let total = ReportPages.total
        guard t.row(["maaned": month]) != nil else { throw ReportError.noRowsForMonth(file: "published/jobsamtaler.csv", month: month) }
        let country = t.rows(where: ["maaned": month, "kommune": total])
        let groups = country.map { $0["ydelsesgruppe"] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var land: [Node] = [Blocks.note("Måling 1 er antal personer fordelt på antal samtaler (0, 1, 2, 3, 4, 5+); Måling 2 antal personer i målingen; Måling 3 antal personer med færre end 4 samtaler; Måling 4 deres andel i procent; Måling 5 antal fritagne. Tallene er ikke diskretionerede. – betyder, at andelen ikke er defineret (ingen personer).")]
        let allRows = country.filter { $0["ydelsesgruppe"] == total }
        land.append(BarChart(id: "chart-job-varighed", title: "Måling 4 for hele landet, alle ydelsesgrupper, efter ydelsesvarighed",
                             description: "Vandret søjlediagram: andelen med færre end 4 samtaler for hver ydelsesvarighed, alle ydelsesgrupper, hele landet.",
                             categories: allRows.map { [$0["varighed"]] },
                             series: [ChartSeries(name: "Måling 4", cells: allRows.map { $0.cell("andel_faerre_end_4") })],
                             orientation: .horizontal, percent: true).render())
        for g in groups {
            let rows = country.filter { $0["ydelsesgruppe"] == g }
            land.append(Blocks.table(caption: g, headers: ["Ydelsesvarighed"] + Self.measureColumns.map(\.header), rows: rows.map { r in
                Blocks.Row(label: r["varighed"], cells: Self.measureColumns.map { r.cell($0.column) }, kind: r["varighed"] == total ? .total : .plain)
            }, percentColumns: [8]))
        }
        // Kommuner ranked by Måling 4 for 12 måneder og derover, all groups (as FOCUS-1): highest share first.
        let ranked = t.rows(where: ["maaned": month, "ydelsesgruppe": total, "varighed": Self.twelve])
            .filter { $0["kommune"] != total }
            .sorted { a, b in
                let x = a.cell("andel_faerre_end_4").value.number, y = b.cell("andel_faerre_end_4").value.number
                if x != y { return (x ?? -1) > (y ?? -1) }
                return a["kommune"] < b["kommune"]
            }
        let focusCell = { (k: String) in f.row(["kommune": k, "ydelsesgruppe": total])?.cell("andel_faerre_end_4_gns") }
        let rank: [Node] = [
            Blocks.note("Kommunerne står med den højeste andel med færre end 4 samtaler først (lavere er bedre). Alle ydelsesgrupper."),
            BarChart(id: "chart-job-kommuner", title: "Kommunerne efter Måling 4 for 12 måneder og derover",
                     description: "Vandret søjlediagram: for hver kommune andelen af personer med en ydelsesvarighed på 12 måneder og derover, som har haft færre end 4 samtaler det seneste år, højeste andel først.",
                     categories: ranked.map { [name($0["kommune"])] },
                     series: [ChartSeries(name: "Måling 4", cells: ranked.map { $0.cell("andel_faerre_end_4") })],
                     orientation: .horizontal, percent: true).render(),
            Blocks.table(caption: nil, headers: ["Kommune", "Måling 2: personer", "Måling 3: færre end 4 samtaler",
                                                 "Måling 4: andel med færre end 4 samtaler", "Fokusmål: gennemsnit af 12 måneder"],
                         rows: ranked.map { r in
                             Blocks.Row(label: name(r["kommune"]), cells: [r.cell("personer"), r.cell("faerre_end_4"),
                                                                          r.cell("andel_faerre_end_4"), focusCell(r["kommune"])])
                         }, percentColumns: [2, 3]),
        ]
        let fokusRows = f.rows(where: ["ydelsesgruppe": total]).sorted { a, b in
            if (a["kommune"] == total) != (b["kommune"] == total) { return b["kommune"] == total }
            let x = a.cell("andel_faerre_end_4_gns").value.number, y = b.cell("andel_faerre_end_4_gns").value.number
            if x != y { return (x ?? -1) > (y ?? -1) }
            return a["kommune"] < b["kommune"]
        }
        let periode = f.distinct("periode").first ?? ""
        let fokus: [Node] = [
            Blocks.note("Fokusmålet er gennemsnittet af Måling 4 for personer med en ydelsesvarighed på 12 måneder og derover (alle ydelsesgrupper) over de 12 måneder \(periode). Det er ikke defineret (–), hvis Måling 4 mangler i en af månederne. Lavere er bedre."),
            Blocks.table(caption: nil, headers: ["Kommune", "Periode", "Fokusmål"], rows: fokusRows.map { r in
                Blocks.Row(label: name(r["kommune"]), cells: [r.cell("periode"), r.cell("andel_faerre_end_4_gns")],
                           kind: r["kommune"] == total ? .total : .plain)
            }, percentColumns: [1]),
        ]
        let title = "Jobsamtaler til alle ydelsesmodtagere i jobcentrene – " + DanishMonth.long(month)
        return PageDocument(title: title, subtitle: "Måling 1-5, kommunernes placering og fokusmålet for skærpet tilsyn",
                            navigation: navigation, current: "jobsamtaler.html", body: [
            Blocks.tema(id: "jobsamtaler-land", title: "Hele landet – Måling 1-5 efter ydelsesgruppe og ydelsesvarighed", extraClass: "status", land),
            Blocks.tema(id: "jobsamtaler-kommuner", title: "Kommunerne efter Måling 4 – 12 måneder og derover", rank),
            Blocks.tema(id: "jobsamtaler-fokus", title: "Fokusmål per kommune – skærpet tilsyn", fokus),
        ]).render()
    }
}
