import ColumnStore
import Domain
import Publishing

extension MonitoringTables {
    static let kategoriLabels: [TilbudRow.Kategori: String] = [
        .vo: "Vejledning og opkvalificering", .jru: "6 ugers jobrettet uddannelse", .vp: "Virksomhedspraktik",
        .lt: "Løntilskud", .rat: "Rådighedsafprøvende tilbud",
    ]

    /// FSG-3.1 / FSG-S.6 / FSG-S.7: distinct persons per (month of `fra`, a-kasse, kategori);
    /// kategori nil = `I alt` (distinct over all categories).
    static func offers(_ grid: MonitoringGrid, _ forloeb: [ForloebFacts], _ persons: [ExperimentPersonFacts]) -> Tally<MAC<TilbudRow.Kategori>> {
        var t = Tally<MAC<TilbudRow.Kategori>>()
        for p in persons where !p.offers.isEmpty {
            t.addOnce(p.offers.filter { grid.contains($0.fra) }.flatMap { MAC(m: $0.fra.yearMonth, a: $0.akasse, c: $0.kategori).rollup })
        }
        return t
    }

    /// `m3_1_tilbud.csv` (FSG-3.1): persons per kategori; the share is of the sum of the five
    /// category counts of the month and a-kasse (TV-39); the `I alt` row's share is that sum's
    /// share of itself (100 when any).
    func m3_1() -> MeasureTable {
        let t = offers
        var out = MeasureTable(name: "m3_1_tilbud.csv", header: ["maaned", "akasse", "kategori", "personer", "andel"], style: Self.personStyle)
        for m in grid.monthSlots { for a in grid.akasseSlots {
            let sum = TilbudRow.Kategori.allCases.reduce(0) { $0 + t[MAC(m: m, a: a, c: $1)] }
            for k in TilbudRow.Kategori.allCases {
                let n = t[MAC(m: m, a: a, c: k)]
                out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .label(Self.kategoriLabels[k]!), .count(n), .share(n, of: sum)])
            }
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .label(MonitoringGrid.total),
                        .count(t[MAC(m: m, a: a, c: nil)]), .share(sum, of: sum)])
        } }
        return out
    }
}
