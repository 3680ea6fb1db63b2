import ColumnStore
import Domain
import Publishing
import ReferenceData

/// Builds every table of the experiment monitoring (RULES.md Part B, OUTPUTS.md "The experiment
/// monitoring") for report month M from the persons' ``ExperimentPersonFacts``. Each table keeps
/// its exact cells; `measures/` and `published/` are two renderings of the same ``MeasureTable``.
struct MonitoringTables: Sendable {
    let grid: MonitoringGrid
    let rules: ExperimentRules
    let persons: [ExperimentPersonFacts]
    /// Every forløb of every person (as known at M, experiment a-kasser only).
    let forloeb: [ForloebFacts]
    /// The tallies the tables are read from, each computed once (see the static builders).
    let started: Tally<MA>
    let ended: Tally<MAC<Afslutningsaarsag>>
    let covered: Tally<MA>
    let fullPeriod: FullPeriodTally
    let conversations: Tally<MAC<UInt8>>
    let offers: Tally<MAC<TilbudRow.Kategori>>

    init(month: YearMonth, persons: [ExperimentPersonFacts], rules: ExperimentRules = .standard) {
        self.rules = rules
        self.grid = MonitoringGrid(month: month, months: rules.months(through: month))
        self.persons = persons
        let forloeb = persons.flatMap(\.forloeb), grid = self.grid
        self.forloeb = forloeb
        // The six tallies are independent passes over the forløb: counted side by side.
        let tallies: [any Sendable] = Parallel.map(6) { i -> any Sendable in
            switch i {
            case 0: Self.started(grid, forloeb, persons)
            case 1: Self.ended(grid, forloeb, persons)
            case 2: Self.covered(grid, forloeb, persons)
            case 3: Self.fullPeriod(grid, forloeb, persons)
            case 4: Self.conversations(grid, forloeb, persons)
            default: Self.offers(grid, forloeb, persons)
            }
        }
        started = tallies[0] as! Tally<MA>
        ended = tallies[1] as! Tally<MAC<Afslutningsaarsag>>
        covered = tallies[2] as! Tally<MA>
        fullPeriod = tallies[3] as! FullPeriodTally
        conversations = tallies[4] as! Tally<MAC<UInt8>>
        offers = tallies[5] as! Tally<MAC<TilbudRow.Kategori>>
    }

    var month: YearMonth { grid.month }

    /// Every table with a `measures/` and a `published/` form, in OUTPUTS.md order.
    func all() -> [MeasureTable] {
        let builders: [@Sendable (MonitoringTables) -> MeasureTable] = [
            { $0.status() }, { $0.m1_1() }, { $0.m1_2() }, { $0.m1_3() }, { $0.m2_1() }, { $0.m2_1Average() },
            { $0.m2_2() }, { $0.m2_3() }, { $0.m2_3Together() }, { $0.m3_1() }, { $0.m4_1() }, { $0.m4_2() },
            { $0.bilag1Started() }, { $0.bilag1Ended() }, { $0.bilag2() }, { $0.bilag3() },
        ]
        // Built side by side; each reads the tallies only.
        return Parallel.map(builders.count) { [self] i in builders[i](self) }
    }

    /// The file names of ``all()``, without building them.
    static let tableNames = ["status.csv", "m1_1_paabegyndte.csv", "m1_2_afsluttede.csv", "m1_3_omfattede.csv",
                             "m2_1_samtaler_per_deltager.csv", "m2_1_gennemsnit.csv", "m2_2_fokusmaal.csv",
                             "m2_3_samtaler.csv", "m2_3_sammen.csv", "m3_1_tilbud.csv", "m4_1_afgang.csv",
                             "m4_2_status.csv", "bilag1_paabegyndte.csv", "bilag1_afsluttede.csv",
                             "bilag2_fokus.csv", "bilag3_fokus.csv"]

    /// The Måling tables of persons show 0 as `.` (DISC-2).
    static let personStyle = PublishedStyle(zero: .dot)

    // MARK: Tema 1 — visitation

    /// FSG-1.1 / FSG-S.2: påbegyndte forløb per month of `visitationsdato`.
    static func started(_ grid: MonitoringGrid, _ forloeb: [ForloebFacts], _ persons: [ExperimentPersonFacts]) -> Tally<MA> {
        var t = Tally<MA>()
        for f in forloeb where grid.contains(f.forloeb.visitationsdato) {
            t.add(MA(m: f.forloeb.visitationsdato.yearMonth, a: f.forloeb.akasse))
        }
        return t.rolledUp(\.rollup)
    }

    /// FSG-1.2 / FSG-S.3: afsluttede forløb per month of `afslutningsdato` and årsag (nil = I alt).
    static func ended(_ grid: MonitoringGrid, _ forloeb: [ForloebFacts], _ persons: [ExperimentPersonFacts]) -> Tally<MAC<Afslutningsaarsag>> {
        var t = Tally<MAC<Afslutningsaarsag>>()
        for f in forloeb {
            guard let end = f.forloeb.afslutningsdato, grid.contains(end) else { continue }
            t.add(MAC(m: end.yearMonth, a: f.forloeb.akasse, c: f.forloeb.aarsag))
        }
        return t.rolledUp(\.rollup)
    }

    /// FSG-1.3 / FSG-S.1: distinct persons covered in each month's last week (no `I alt` month).
    static func covered(_ grid: MonitoringGrid, _ forloeb: [ForloebFacts], _ persons: [ExperimentPersonFacts]) -> Tally<MA> {
        var t = Tally<MA>()
        for p in persons {
            // The pairs are distinct and in month order: the person counts once in (m, a) per
            // pair and once in (m, I alt) per month.
            var previous: YearMonth?
            for c in p.coveredLastWeek {
                t.add(MA(m: c.month, a: c.akasse))
                if c.month != previous { t.add(MA(m: c.month, a: nil)) }
                previous = c.month
            }
        }
        return t
    }

    /// `m1_1_paabegyndte.csv` (FSG-1.1): count and share of the month's (period's) total.
    func m1_1() -> MeasureTable {
        let t = started
        var out = MeasureTable(name: "m1_1_paabegyndte.csv", header: ["maaned", "akasse", "antal", "andel"], style: Self.personStyle)
        for m in grid.monthSlots { for a in grid.akasseSlots {
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .count(t[MA(m: m, a: a)]),
                        .share(t[MA(m: m, a: a)], of: t[MA(m: m, a: nil)])])
        } }
        return out
    }

    /// `m1_2_afsluttede.csv` (FSG-1.2): per årsag and `I alt`; the share's denominator is every
    /// afsluttet forløb of the month or period (OUTPUTS.md "Share denominators").
    func m1_2() -> MeasureTable {
        let t = ended
        var out = MeasureTable(name: "m1_2_afsluttede.csv", header: ["maaned", "akasse", "aarsag", "antal", "andel"], style: Self.personStyle)
        let reasons: [Afslutningsaarsag?] = Afslutningsaarsag.allCases + [nil]
        for m in grid.monthSlots { for a in grid.akasseSlots { for r in reasons {
            let n = t[MAC(m: m, a: a, c: r)]
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .label(r?.label ?? MonitoringGrid.total),
                        .count(n), .share(n, of: t[MAC(m: m, a: nil, c: nil)])])
        } } }
        return out
    }

    /// `m1_3_omfattede.csv` (FSG-1.3): a stock per month, share of the month's distinct total.
    func m1_3() -> MeasureTable {
        let t = covered
        var out = MeasureTable(name: "m1_3_omfattede.csv", header: ["maaned", "akasse", "antal", "andel"], style: Self.personStyle)
        for m in grid.months { for a in grid.akasseSlots {
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .count(t[MA(m: m, a: a)]),
                        .share(t[MA(m: m, a: a)], of: t[MA(m: m, a: nil)])])
        } }
        return out
    }

    // MARK: Status tiles

    /// `status.csv` (FSG-S.1..S.7) for month M; counts show 0 as `0`.
    func status() -> MeasureTable {
        let cov = covered, st = started, en = ended, conv = conversations, off = offers, fa = fullPeriod
        var out = MeasureTable(name: "status.csv",
                               header: ["maaned", "akasse", "omfattet_sidste_uge", "paabegyndte", "afsluttede", "unikke_samtaler",
                                        "personer_paabegyndt_tilbud", "tilbud_vejledning_opkvalificering",
                                        "tilbud_virksomhedspraktik", "gns_unikke_samtaler_fuld_periode"],
                               style: PublishedStyle(zero: .zero))
        let m: YearMonth? = month
        for a in grid.akasseSlots {
            let n = fa.count[MA(m: m, a: a)]
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a),
                        .count(cov[MA(m: m, a: a)]), .count(st[MA(m: m, a: a)]), .count(en[MAC(m: m, a: a, c: nil)]),
                        .count(conv[MAC(m: m, a: a, c: nil)]), .count(off[MAC(m: m, a: a, c: nil)]),
                        .count(off[MAC(m: m, a: a, c: .vo)]), .count(off[MAC(m: m, a: a, c: .vp)]),
                        .average(sum: fa.conversations[MA(m: m, a: a)], count: n)])
        }
        return out
    }
}
