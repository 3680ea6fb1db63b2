/// Bilag 1-3 ([S000]): kommune × a-kasse tables for M, and the focus-measure persons per month.
extension ExperimentPage {
    static let aarsagsgrupper = ["Behov for tidlig indsats", "Forsøgsperiode afsluttet", "Øvrige"]

    /// The kommuner of a Bilag table in file order (Danish order, `I alt` last); on an a-kasse
    /// page only those with a cell for the a-kasse.
    func kommuner(_ t: PublishedTable) -> [String] {
        let all = t.distinct("kommune")
        guard let akasse else { return all }
        return all.filter { k in t.row(["kommune": k, "akasse": akasse]) != nil }
    }

    func bilag() -> [Node] {
        let total = ReportPages.total, mlong = DanishMonth.long(month)
        let p = data["bilag1_paabegyndte.csv"], a = data["bilag1_afsluttede.csv"]
        let f = data["bilag2_fokus.csv"], b3 = data["bilag3_fokus.csv"]
        let bilag1 = Blocks.tema(id: "bilag-1", title: "Bilag 1 - Visitation til og fra forsøget - antal påbegyndte og afsluttede forløb per kommune - \(mlong)", [
            Blocks.note(Blocks.discretionNote),
            Blocks.table(caption: "Visitation - Antal påbegyndte forløb per kommune fordelt på a-kasser - \(mlong)",
                         headers: ["Kommune / A-kasse"] + columns, rows: kommuner(p).map { k in
                Blocks.Row(label: k, cells: columns.map { p.cell(["kommune": k, "akasse": $0], "antal") }, kind: k == total ? .total : .plain)
            }),
            Blocks.table(caption: "Visitation - Antal afsluttede forløb fordelt på afslutningsårsager per kommune fordelt på a-kasser - \(mlong)",
                         headers: ["Kommune / A-kasse"] + columns, rows: kommuner(a).flatMap { k in
                [Blocks.Row(label: k, cells: columns.map { a.cell(["kommune": k, "akasse": $0, "aarsagsgruppe": total], "antal") }, kind: .total)]
                + Self.aarsagsgrupper.map { g in
                    Blocks.Row(label: g, cells: columns.map { a.cell(["kommune": k, "akasse": $0, "aarsagsgruppe": g], "antal") }, kind: .sub)
                }
            }),
        ])
        let bilag2 = Blocks.tema(id: "bilag-2", title: "Bilag 2 - Antal personer m. fuld forsøgsperiode i a-kassen, som har modtaget to eller flere individuelle jobsamtaler i løbet af forsøgsperioden (Ja/Nej) - september 2020 til og med \(mlong)", [
            Blocks.note(Blocks.discretionNote),
            Blocks.table(caption: nil, headers: ["Kommune / A-kasse"] + columns, rows: kommuner(f).flatMap { k in
                [Blocks.Row(label: k, cells: columns.map { f.cell(["kommune": k, "akasse": $0, "svar": total], "antal") }, kind: .total)]
                + ["Ja", "Nej"].map { s in
                    Blocks.Row(label: s, cells: columns.map { f.cell(["kommune": k, "akasse": $0, "svar": s], "antal") }, kind: .sub)
                }
            }),
        ])
        let note3 = Blocks.discretionNote + " Ligeledes er observationen 0 erstattet med *."
        func bilag3(_ tabel: String, _ caption: String) -> Node {
            let ms = b3.rows(where: ["tabel": tabel]).map { $0["maaned"] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let rows = ms.flatMap { m -> [Blocks.Row] in
                func cells(_ ak: String) -> [PublishedCell?] {
                    ["ja", "nej", "i_alt"].map { b3.cell(["tabel": tabel, "maaned": m, "akasse": ak], $0) }
                }
                if let akasse { return [Blocks.Row(label: m, cells: cells(akasse), kind: m == total ? .total : .plain)] }
                return [Blocks.Row(label: m, cells: cells(total), kind: .total)]
                    + ReportPages.akasser.map { Blocks.Row(label: $0, cells: cells($0), kind: .sub) }
            }
            return Blocks.table(caption: caption, headers: ["Måned / A-kasse", "Ja", "Nej", "I alt"], rows: rows)
        }
        let bilag3Node = Blocks.tema(id: "bilag-3", title: "Bilag 3 - Antal personer m. fuld forsøgsperiode i a-kassen, som har modtaget to eller flere individuelle jobsamtaler i løbet af forsøgsperioden (Ja/Nej)", [
            Blocks.note(note3),
            .el("div", [("class", "columns")], [
                bilag3("3a", "Bilag 3a: Antal personer der indgår i opgørelsen af fokusmål"),
                bilag3("3b", "Bilag 3b: Totalopgørelse. Antal personer"),
            ]),
        ])
        return [bilag1, bilag2, bilag3Node]
    }
}
