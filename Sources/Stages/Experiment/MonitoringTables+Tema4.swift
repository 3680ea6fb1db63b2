import ColumnStore
import Domain
import Publishing

extension MonitoringTables {
    /// Måling 4.1/4.2 shares have one decimal (DISC-5).
    static let tema4 = PublishedStyle(zero: .dot, shareDecimals: 1)

    var cohort: [CohortPeriod] { persons.flatMap(\.cohort) }

    /// `m4_1_afgang.csv` (FSG-4.1): per population and week 0-26 the share on dagpenge (relapse counts).
    func m4_1() -> MeasureTable {
        let periods = cohort, q = rules.cohortQuarter(month)
        var out = MeasureTable(name: "m4_1_afgang.csv", header: ["kvartal", "population", "uge", "kohorte", "andel_paa_dagpenge"], style: Self.tema4)
        for pop in CohortPopulation.allCases {
            let members = periods.filter { $0.population == pop }
            for w in 0..<CohortClassifier.weeks {
                out.append([.label(q.label), .label(pop.label), .label(String(w)), .count(members.count),
                            .share(members.filter { $0.onDagpenge[w] }.count, of: members.count)])
            }
        }
        return out
    }

    /// `m4_2_status.csv` (FSG-4.2): status on `foerste_dag` + 6 months, share of the population.
    func m4_2() -> MeasureTable {
        let periods = cohort, q = rules.cohortQuarter(month)
        var out = MeasureTable(name: "m4_2_status.csv", header: ["kvartal", "population", "status", "andel"], style: Self.tema4)
        for pop in CohortPopulation.allCases {
            let members = periods.filter { $0.population == pop }
            for s in LabourMarketStatus.allCases {
                out.append([.label(q.label), .label(pop.label), .label(s.label), .share(members.filter { $0.status == s }.count, of: members.count)])
            }
        }
        return out
    }
}
