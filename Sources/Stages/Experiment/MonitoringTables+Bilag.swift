import ColumnStore
import Domain
import Publishing
import ReferenceData

extension MonitoringTables {
    /// Bilag 1 and 2 show 0 as `0`; Bilag 3 as `*` (DISC-2).
    static let bilag12 = PublishedStyle(zero: .zero)
    static let bilag3 = PublishedStyle(zero: .star)

    /// The kommune rows of a Bilag table: every kommune with a permitted a-kasse and every other
    /// kommune with a count, by name in Danish order (FSG-0.8), then `I alt` (nil).
    func bilagKommuner(counted: Set<String>) -> [String?] {
        let codes = Set(ExperimentPair.all.map(\.kommune)).union(counted)
        let named = codes.map { (code: $0, name: Kommune.byCode[$0]?.name ?? $0) }
        return named.sorted { DanishCollation.precedes($0.name, $1.name) }.map { Optional($0.code) } + [nil]
    }

    /// The a-kasse columns of kommune `k`: the permitted ones (all for `I alt`), then `I alt`.
    func bilagAkasser(_ k: String?) -> [String?] {
        grid.akasseSlots.filter { a in
            guard let a, let k else { return true }
            return ExperimentPair.isPermitted(akasse: a, kommune: k)
        }
    }

    static func kommuneLabel(_ k: String?) -> MeasureCell { .label(k.map { Kommune.byCode[$0]?.name ?? $0 } ?? MonitoringGrid.total) }

    /// `bilag1_paabegyndte.csv` (FSG-B1 table 1): påbegyndte forløb in M per kommune × a-kasse.
    func bilag1Started() -> MeasureTable {
        var t = Tally<KAC<Int>>()
        for f in forloeb where f.forloeb.visitationsdato.yearMonth == month {
            t.add(KAC(k: f.forloeb.kommune, a: f.forloeb.akasse, c: nil))
        }
        t = t.rolledUp(\.rollup)
        var out = MeasureTable(name: "bilag1_paabegyndte.csv", header: ["kommune", "akasse", "antal"], style: Self.bilag12)
        for k in bilagKommuner(counted: Set(t.counts.keys.compactMap(\.k))) { for a in bilagAkasser(k) {
            out.append([Self.kommuneLabel(k), MonitoringGrid.akasseLabel(a), .count(t[KAC(k: k, a: a, c: nil)])])
        } }
        return out
    }

    /// `bilag1_afsluttede.csv` (FSG-B1 table 2, TV-40): afsluttede forløb in M by årsagsgruppe.
    func bilag1Ended() -> MeasureTable {
        var t = Tally<KAC<Aarsagsgruppe>>()
        for f in forloeb where f.forloeb.afslutningsdato?.yearMonth == month {
            t.add(KAC(k: f.forloeb.kommune, a: f.forloeb.akasse, c: f.forloeb.aarsag?.group))
        }
        t = t.rolledUp(\.rollup)
        var out = MeasureTable(name: "bilag1_afsluttede.csv", header: ["kommune", "akasse", "aarsagsgruppe", "antal"], style: Self.bilag12)
        let groups: [Aarsagsgruppe?] = Aarsagsgruppe.allCases + [nil]
        for k in bilagKommuner(counted: Set(t.counts.keys.compactMap(\.k))) { for a in bilagAkasser(k) { for g in groups {
            out.append([Self.kommuneLabel(k), MonitoringGrid.akasseLabel(a), .label(g?.label ?? MonitoringGrid.total),
                        .count(t[KAC(k: k, a: a, c: g)])])
        } } }
        return out
    }

    /// `bilag2_fokus.csv` (FSG-B2): FA forløb ended 2020M09..M, Ja (>= 2 individual jobsamtaler) / Nej.
    func bilag2() -> MeasureTable {
        var t = Tally<KAC<Bool>>()
        for f in forloeb where f.forloeb.isFullPeriod {
            guard let end = f.forloeb.afslutningsdato, grid.contains(end) else { continue }
            t.add(KAC(k: f.forloeb.kommune, a: f.forloeb.akasse, c: f.fokusJa))
        }
        t = t.rolledUp(\.rollup)
        var out = MeasureTable(name: "bilag2_fokus.csv", header: ["kommune", "akasse", "svar", "antal"], style: Self.bilag12)
        let answers: [(Bool?, String)] = [(true, "Ja"), (false, "Nej"), (nil, MonitoringGrid.total)]
        for k in bilagKommuner(counted: Set(t.counts.keys.compactMap(\.k))) { for a in bilagAkasser(k) { for (s, label) in answers {
            out.append([Self.kommuneLabel(k), MonitoringGrid.akasseLabel(a), .label(label), .count(t[KAC(k: k, a: a, c: s)])])
        } } }
        return out
    }

    /// `bilag3_fokus.csv` (FSG-B3): 3a the supervision months, 3b every month, each with an
    /// `I alt` (Hovedtotal) row summed over its months.
    func bilag3() -> MeasureTable {
        let t = fullPeriod
        var out = MeasureTable(name: "bilag3_fokus.csv", header: ["tabel", "maaned", "akasse", "ja", "nej", "i_alt"], style: Self.bilag3)
        for (tabel, months) in [("3a", rules.supervisionMonths(month)), ("3b", grid.months)] {
            for m in months.map({ Optional($0) }) + [nil] { for a in grid.akasseSlots {
                let range = m.map { [$0] } ?? months
                let ja = range.reduce(0) { $0 + t.ja[MA(m: $1, a: a)] }, n = range.reduce(0) { $0 + t.count[MA(m: $1, a: a)] }
                out.append([.label(tabel), MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .count(ja), .count(n - ja), .count(n)])
            } }
        }
        return out
    }
}
