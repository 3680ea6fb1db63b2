import ColumnStore
import ReferenceData

/// Tema 4 (FSG-4.0..4.2): the dagpengeperioder of the cohort quarter, their population, the weeks
/// on dagpenge after the first day (with relapse) and the status six months after it.
public enum CohortClassifier {
    /// Number of weeks followed in Måling 4.1 (weeks 0...26).
    public static let weeks = 27

    /// The person's dagpengeperioder with `foerste_dag` in `quarter` that belong to a population.
    public static func periods(_ p: PersonHistory, forloeb: [KnownForloeb], quarter: Quarter, month: YearMonth) -> [CohortPeriod] {
        let last = month.last
        let starts = p.dagpengeperioder.filter { $0.foersteDag >= quarter.first && $0.foersteDag <= quarter.last && $0.foersteDag <= last }
        if starts.isEmpty { return [] }
        // DUR-2: paid FLEUR 01–05 groups (reversals netted); CONV-10: days up to last(M) only.
        let paid = HourSpreading.paidGroups(p.fleur).paid.filter { $0.periodeFra <= last }
        var out: [CohortPeriod] = []
        for period in starts {
            let end = min(period.sidsteDag ?? last, last)
            guard let population = population(period, end: end, person: p, forloeb: forloeb, paid: paid) else { continue }
            let inPeriod = paid.filter { $0.periodeFra <= end && $0.periodeTil >= period.foersteDag }
                .map { DayInterval(max($0.periodeFra, period.foersteDag), min($0.periodeTil, end, last)) }
            let days = IntervalSet.normalize(inPeriod)
            let onDagpenge = (0..<weeks).map { w -> Bool in
                let a = period.foersteDag + 7 * w, b = a + 6
                return days.contains { $0.from <= b && $0.to >= a }
            }
            out.append(CohortPeriod(periodeId: period.periodeId, foersteDag: period.foersteDag, population: population,
                                    onDagpenge: onDagpenge, status: status(on: period.foersteDag.addingMonths(6), person: p, paid: paid, last: last)))
        }
        return out
    }

    /// FSG-4.0: Forsøg when a forløb was visited inside the period; Ikke-forsøg when the pair
    /// (a-kasse of the first paid record, bopael kommune on the first day) is not permitted;
    /// nil (neither) otherwise.
    static func population(_ period: DagpengePeriodeRow, end: Day, person p: PersonHistory, forloeb: [KnownForloeb],
                           paid: [PaidGroup]) -> CohortPopulation? {
        if forloeb.contains(where: { $0.visitationsdato >= period.foersteDag && $0.visitationsdato <= end }) { return .forsoeg }
        let first = paid.first { $0.periodeFra <= end && $0.periodeTil >= period.foersteDag }
        let akasse = first.flatMap { g in
            p.fleur.last { !$0.isReversal && $0.ydelsestype == g.ydelsestype && $0.periodeFra == g.periodeFra && $0.periodeTil == g.periodeTil }?.akasse
        }
        let kommune = PersonTimeline.residence(p.bopael, on: period.foersteDag)
        if let a = akasse, let k = kommune, ExperimentPair.isPermitted(akasse: a, kommune: k) { return nil }
        return .ikkeForsoeg
    }

    /// FSG-4.2: the first status that applies on `d6`.
    static func status(on d6: Day, person p: PersonHistory, paid: [PaidGroup], last: Day) -> LabourMarketStatus {
        if paid.contains(where: { $0.periodeFra <= d6 && d6 <= $0.periodeTil }) { return .dagpenge }
        let ky = p.ky.contains { $0.ydelse != .skh && $0.fra <= d6 && d6 <= $0.til && $0.fra <= last }
        let ksd = p.ksd.contains { $0.start <= d6 && ($0.slut.map { d6 <= $0 } ?? true) && $0.start <= last }
        if ky || ksd || otherFleurCovers(d6, p.fleur) { return .andenOffentlig }
        let hours = p.eindkomst.filter { $0.maaned == d6.yearMonth }.reduce(Int64(0)) { $0 + $1.loentimer }
        return hours > 0 ? .beskaeftigelse : .oevrige
    }

    /// A paid FLEUR 06 or 07 group (reversals netted as in DUR-2) covers `d`.
    static func otherFleurCovers(_ d: Day, _ fleur: [FleurRecord]) -> Bool {
        struct Key: Hashable { var t: UInt8; var a: Day; var b: Day }
        var net: [Key: Int64] = [:]
        for r in fleur where (r.ydelsestype == 6 || r.ydelsestype == 7) && r.periodeFra <= d && d <= r.periodeTil {
            net[Key(t: r.ydelsestype, a: r.periodeFra, b: r.periodeTil), default: 0] += (r.timer - r.fradragstimer) * (r.isReversal ? -1 : 1)
        }
        return net.values.contains { $0 > 0 }
    }
}
