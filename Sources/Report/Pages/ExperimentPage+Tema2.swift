/// Tema 2 – Kontaktforløbet (FSG-2.1..2.3).
extension ExperimentPage {
    /// The focus measure's target: at least 85 % (FSG-2.2).
    static let focusTarget = 85.0
    static let samtaletyper = ["CV samtale", "Fælles jobsamtale", "Jobsamtale", "Rådighedssamtale", "I alt unik"]

    func tema2() -> Node {
        Blocks.tema(id: "tema-2", title: "Tema 2 – Kontaktforløbet", [maaling21(), maaling22(), maaling23()])
    }

    func maaling21() -> Node {
        let t = data["m2_1_samtaler_per_deltager.csv"], g = data["m2_1_gennemsnit.csv"]
        let total = ReportPages.total
        let buckets = ["0", "1", "2", "3+"]
        let cells = buckets.map { t.cell(["maaned": total, "akasse": focus, "samtaler": $0], "andel") }
        var nodes: [Node] = [
            BarChart(id: "chart-2-1", title: "Andel af forsøgsdeltagere med 0, 1, 2 eller 3+ unikke samtaler",
                     description: "Søjlediagram: andelen af personer med fuld forsøgsperiode, der har haft 0, 1, 2 eller 3+ unikke samtaler, \(Self.period). Tallene står i tabellen ved figuren.",
                     categories: buckets.map { ["\($0) samtaler"] }, series: [ChartSeries(name: "Andel", cells: cells)],
                     percent: true).render(),
            Blocks.table(caption: nil, headers: ["A-kasse"] + buckets.flatMap { ["\($0): antal", "\($0): andel"] },
                         rows: columns.map { a in
                             Blocks.Row(label: a, cells: buckets.flatMap { b in
                                 [t.cell(["maaned": total, "akasse": a, "samtaler": b], "antal"),
                                  t.cell(["maaned": total, "akasse": a, "samtaler": b], "andel")]
                             }, kind: a == total ? .total : .plain)
                         }, percentColumns: [1, 3, 5, 7]),
            .el("div", [("class", "tile")], [
                .el("div", [("class", "tile-label")], text: "Gnsn. antal unikke samtaler per deltager - personer m. fuld forsøgsperiode - \(Self.period)"),
                Blocks.value("div", g.cell(["maaned": total, "akasse": focus], "gennemsnit"), percent: false, cls: "tile-value"),
                .el("div", [("class", "tile-label")], text: "gnsn. antal unikke samtaler per forløb"),
            ]),
        ]
        nodes += perAkasse(id: "chart-2-1-akasse", title: "Gennemsnitlig antal unikke samtaler per deltager i forsøgsperioden per a-kasse - personer m. fuld forsøgsperiode - \(Self.period)",
                           table: g, maaned: total, countColumn: "gennemsnit", shareColumn: nil, countHeader: "Gennemsnit")
        nodes.append(Blocks.heading("Gennemsnitlig antal unikke samtaler per deltager i forsøgsperioden - personer m. fuld forsøgsperiode - per måned"))
        nodes += monthChart(id: "chart-2-1-maaned", title: "Gennemsnitlig antal unikke samtaler per deltager - per måned", table: g,
                            column: "gennemsnit", seriesName: "Gennemsnit")
        return Blocks.maaling(id: "maaling-2-1", title: "Måling 2.1 - Samtaler per deltager - Andelen af forsøgsdeltagere, som har deltaget i hhv. 0, 1, 2 eller 3+ unikke samtaler i løbet af forsøgsperioden - personer m. fuld forsøgsperiode - \(Self.period)", nodes)
    }

    /// The supervision months as text, from the months the published table has (FSG-0.9):
    /// runs of consecutive months, "september 2020 til og med december 2020 og juli 2021 til og med november 2021".
    static func periodText(_ months: [String]) -> String {
        var runs: [(String, String)] = []
        var previous: (Int, Int)?
        for m in months {
            guard let ym = DanishMonth.parse(m) else { continue }
            if let p = previous, (p.0 * 12 + p.1 + 1) == ym.year * 12 + ym.month, !runs.isEmpty {
                runs[runs.count - 1].1 = m
            } else {
                runs.append((m, m))
            }
            previous = (ym.year, ym.month)
        }
        return runs.map { $0.0 == $0.1 ? DanishMonth.long($0.0) : "\(DanishMonth.long($0.0)) til og med \(DanishMonth.long($0.1))" }
            .joined(separator: " og ")
    }

    func maaling22() -> Node {
        let t = data["m2_2_fokusmaal.csv"]
        let ms = months(t)
        let target = BarChart.Target(value: Self.focusTarget, label: "Mål: 85 %")
        let focusCell = t.cell(["maaned": "Gennemsnit", "akasse": focus], "andel")
        let met: String
        if let v = focusCell?.value.number {
            met = v >= Self.focusTarget ? "Fokusmålet er opfyldt (mindst 85 %)." : "Fokusmålet er ikke opfyldt (under 85 %)."
        } else {
            met = "Fokusmålet kan ikke opgøres (for få personer)."
        }
        var nodes: [Node] = [
            .el("div", [("class", "columns")], [
                .el("div", [("class", "tile")], [
                    .el("div", [("class", "tile-label")], text: "Fokusmål (gennemsnit af månederne), \(focus == ReportPages.total ? "alle a-kasser" : focus)"),
                    Blocks.value("div", focusCell, percent: true, cls: "tile-value"),
                    .el("div", [("class", "target-status")], text: met),
                ]),
                .el("div", [("class", "infoboks")], [
                    .el("strong", [], text: "INFOBOKS – Fokusmål for kontaktforløbet: "),
                    .text("Minimum 85 % af de personer, som har modtaget den fulde tre måneders forsøgsperiode i a-kassen skal have deltaget i minimum to individuelle jobsamtaler. "),
                    .el("strong", [], text: "Opgørelse af måling 2.2 - Fokusmål: "),
                    .text("Fokusmålet opgøres som et gennemsnit af resultaterne for de individuelle måneder. Se tabellen nedenfor."),
                ]),
            ]),
        ]
        if isAll {
            let cats = ReportPages.akasser + [ReportPages.total]
            nodes.append(Blocks.heading("Fokusmål per a-kasse mod målet på 85 %"))
            nodes.append(BarChart(id: "chart-2-2-akasse", title: "Fokusmål per a-kasse mod målet på 85 %",
                                  description: "Vandret søjlediagram: fokusmålet (gennemsnittet af tilsynsmånederne) for hver a-kasse og i alt, med en lodret linje ved målet på 85 %.",
                                  categories: cats.map { [$0] },
                                  series: [ChartSeries(name: "Fokusmål", cells: cats.map { t.cell(["maaned": "Gennemsnit", "akasse": $0], "andel") })],
                                  orientation: .horizontal, percent: true, target: target).render())
        }
        nodes.append(Blocks.heading("Andel af personer m. fuld forsøgsperiode, som har deltaget i minimum 2 individuelle jobsamtaler - per måned"))
        nodes += monthChart(id: "chart-2-2", title: "Andel med minimum 2 individuelle jobsamtaler - per tilsynsmåned", table: t,
                            column: "andel", seriesName: "Andel", percent: true, target: target, withTable: false)
        nodes.append(Blocks.table(caption: nil, headers: ["Måneder"] + columns, rows: (ms + ["Gennemsnit"]).map { m in
            Blocks.Row(label: m == "Gennemsnit" ? "Fokusmål (gennemsnit)" : m,
                       cells: columns.map { t.cell(["maaned": m, "akasse": $0], "andel") }, kind: m == "Gennemsnit" ? .total : .plain)
        }, percent: true))
        nodes.append(Blocks.heading("Antal personer m. fuld forsøgsperiode, som har deltaget i minimum 2 individuelle jobsamtaler (Ja/Nej) - per måned"))
        nodes.append(Blocks.table(caption: nil, headers: ["Måneder", "Ja", "Nej"], rows: (ms + ["Gennemsnit"]).map { m in
            Blocks.Row(label: m == "Gennemsnit" ? "I alt" : m,
                       cells: [t.cell(["maaned": m, "akasse": focus], "ja"), t.cell(["maaned": m, "akasse": focus], "nej")],
                       kind: m == "Gennemsnit" ? .total : .plain)
        }))
        return Blocks.maaling(id: "maaling-2-2", title: "Måling 2.2 - Tilsynsmåling - Fokusmål for kontaktforløbet: Andel af personer m. fuld forsøgsperiode, som har deltaget i minimum 2 individuelle jobsamtaler - periode: \(Self.periodText(ms))", nodes)
    }

    func maaling23() -> Node {
        let t = data["m2_3_samtaler.csv"], s = data["m2_3_sammen.csv"]
        let ms = months(t), total = ReportPages.total
        var nodes = monthChart(id: "chart-2-3", title: "Antal unikke samtaler - per måned", table: t, column: "antal",
                               seriesName: "I alt unik", extra: ["samtaletype": "I alt unik"], withTable: false)
        if isAll {
            nodes.append(Blocks.heading("Antal unikke samtaler afholdt med personer omfattet af forsøg per a-kasse - per måned"))
            nodes.append(Blocks.table(caption: nil, headers: ["Måneder"] + columns, rows: (ms + [total]).map { m in
                Blocks.Row(label: m, cells: columns.map { t.cell(["maaned": m, "akasse": $0, "samtaletype": "I alt unik"], "antal") },
                           kind: m == total ? .total : .plain)
            }))
        }
        nodes.append(Blocks.heading("Antal samtaletyper afholdt - per måned"))
        nodes.append(Blocks.table(caption: nil, headers: ["Måneder"] + Self.samtaletyper, rows: (ms + [total]).map { m in
            Blocks.Row(label: m, cells: Self.samtaletyper.map { t.cell(["maaned": m, "akasse": focus, "samtaletype": $0], "antal") },
                       kind: m == total ? .total : .plain)
        }))
        nodes.append(Blocks.heading("Andel af jobsamtaler, som blev afholdt sammen med en CV eller rådighedssamtale - per måned - personer omfattet af forsøget"))
        nodes.append(Blocks.table(caption: nil, headers: ["Måneder", "Jobsamtaler", "Fælles jobsamtaler"], rows: s.distinct("maaned").map { m in
            Blocks.Row(label: m, cells: [s.cell(["maaned": m, "akasse": focus], "andel_jobsamtaler"),
                                         s.cell(["maaned": m, "akasse": focus], "andel_faelles_jobsamtaler")],
                       kind: m == total ? .total : .plain)
        }, percent: true))
        return Blocks.maaling(id: "maaling-2-3", title: "Måling 2.3 - Samtaler i forsøget - antal unikke samtaler afholdt med personer omfattet af forsøg - per måned", nodes)
    }
}
