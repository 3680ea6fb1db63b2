import ColumnStore
import Domain
import Publishing

/// FA forløb tallies of Tema 2 (FSG-2.1, FSG-2.2, Bilag 3): per (month of `afslutningsdato`,
/// a-kasse) the count, the sum of unique conversations, the Ja count and the 0/1/2/3+ buckets.
struct FullPeriodTally: Sendable {
    var count = Tally<MA>()
    var conversations = Tally<MA>()
    var ja = Tally<MA>()
    /// Bucket 0...3 (3 = `3+`).
    var buckets = Tally<MAC<Int>>()
}

extension MonitoringTables {
    /// The `samtaler` buckets of Måling 2.1.
    static let bucketLabels = ["0", "1", "2", "3+"]

    /// FSG-0.4: FA forløb ended in the period.
    static func fullPeriod(_ grid: MonitoringGrid, _ forloeb: [ForloebFacts], _ persons: [ExperimentPersonFacts]) -> FullPeriodTally {
        var t = FullPeriodTally()
        for f in forloeb where f.forloeb.isFullPeriod {
            guard let end = f.forloeb.afslutningsdato, grid.contains(end) else { continue }
            let k = MA(m: end.yearMonth, a: f.forloeb.akasse)
            t.count.add(k)
            t.conversations.add(k, f.uniqueConversations)
            if f.fokusJa { t.ja.add(k) }
            t.buckets.add(MAC(m: k.m, a: k.a, c: min(f.uniqueConversations, 3)))
        }
        t.count = t.count.rolledUp(\.rollup)
        t.conversations = t.conversations.rolledUp(\.rollup)
        t.ja = t.ja.rolledUp(\.rollup)
        // A bucket has no `I alt` bucket: only the month and a-kasse roll up.
        t.buckets = t.buckets.rolledUp { $0.rollup.filter { $0.c != nil } }
        return t
    }

    /// `m2_1_samtaler_per_deltager.csv` (FSG-2.1): share of the a-kasse's FA forløb with 0, 1, 2, 3+.
    func m2_1() -> MeasureTable {
        let t = fullPeriod
        var out = MeasureTable(name: "m2_1_samtaler_per_deltager.csv", header: ["maaned", "akasse", "samtaler", "antal", "andel"],
                               style: Self.personStyle)
        for m in grid.monthSlots { for a in grid.akasseSlots { for b in 0...3 {
            let n = t.buckets[MAC(m: m, a: a, c: b)]
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .label(Self.bucketLabels[b]),
                        .count(n), .share(n, of: t.count[MA(m: m, a: a)])])
        } } }
        return out
    }

    /// `m2_1_gennemsnit.csv` (FSG-2.1): mean unique conversations per FA forløb.
    func m2_1Average() -> MeasureTable {
        let t = fullPeriod
        var out = MeasureTable(name: "m2_1_gennemsnit.csv", header: ["maaned", "akasse", "gennemsnit"], style: Self.personStyle)
        for m in grid.monthSlots { for a in grid.akasseSlots {
            let k = MA(m: m, a: a)
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .average(sum: t.conversations[k], count: t.count[k])])
        } }
        return out
    }

    /// The focus measure of a-kasse `a` (nil = all) over the supervision months of M (FSG-2.2).
    func focus(_ t: FullPeriodTally, akasse a: String?) -> FocusMeasure {
        FocusMeasure(months: rules.supervisionMonths(month).map {
            let k = MA(m: $0, a: a)
            return FocusMeasure.Month(ja: t.ja[k], nej: t.count[k] - t.ja[k])
        })
    }

    /// `m2_2_fokusmaal.csv` (FSG-2.2): every supervision month, then `Gennemsnit` = the focus
    /// measure (mean of the monthly shares) with Σ Ja and Σ Nej.
    func m2_2() -> MeasureTable {
        let t = fullPeriod
        var out = MeasureTable(name: "m2_2_fokusmaal.csv", header: ["maaned", "akasse", "ja", "nej", "andel"], style: Self.personStyle)
        for m in rules.supervisionMonths(month) { for a in grid.akasseSlots {
            let k = MA(m: m, a: a), ja = t.ja[k], n = t.count[k]
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .count(ja), .count(n - ja), .share(ja, of: n)])
        } }
        for a in grid.akasseSlots {
            let f = focus(t, akasse: a)
            out.append([.label("Gennemsnit"), MonitoringGrid.akasseLabel(a), .count(f.ja), .count(f.nej),
                        .share(f.value, basis: f.ja + f.nej)])
        }
        return out
    }

    /// FSG-2.3: unique conversations per (month of `dato`, a-kasse, type); type nil = `I alt unik`.
    static func conversations(_ grid: MonitoringGrid, _ forloeb: [ForloebFacts], _ persons: [ExperimentPersonFacts]) -> Tally<MAC<UInt8>> {
        var t = Tally<MAC<UInt8>>()
        for p in persons { for c in p.conversations where grid.contains(c.dato) {
            t.add(MAC(m: c.dato.yearMonth, a: c.akasse, c: nil))
            for type in ConversationTypes.ordered where c.types.contains(type) {
                t.add(MAC(m: c.dato.yearMonth, a: c.akasse, c: type.rawValue))
            }
        } }
        // `I alt unik` (c nil) counts each conversation once, not once per type: a type's
        // count rolls up over months and a-kasser only.
        return t.rolledUp { $0.c == nil ? $0.rollup : $0.rollup.filter { $0.c != nil } }
    }

    static let conversationLabels: [(ConversationTypes?, String)] = [
        (.cv, "CV samtale"), (.fjob, "Fælles jobsamtale"), (.job, "Jobsamtale"), (.raad, "Rådighedssamtale"), (nil, "I alt unik"),
    ]

    /// `m2_3_samtaler.csv` (FSG-2.3): counts, 0 shown as `0`.
    func m2_3() -> MeasureTable {
        let t = conversations
        var out = MeasureTable(name: "m2_3_samtaler.csv", header: ["maaned", "akasse", "samtaletype", "antal"],
                               style: PublishedStyle(zero: .zero))
        for m in grid.monthSlots { for a in grid.akasseSlots { for (type, label) in Self.conversationLabels {
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a), .label(label),
                        .count(t[MAC(m: m, a: a, c: type?.rawValue)])])
        } } }
        return out
    }

    /// `m2_3_sammen.csv` (FSG-2.3): share of the (pnr, dato) with JOB (FJOB) that also have CV or
    /// RAAD; an empty denominator is `NaN` in published/.
    func m2_3Together() -> MeasureTable {
        var job = Tally<MA>(), jobWith = Tally<MA>(), fjob = Tally<MA>(), fjobWith = Tally<MA>()
        for p in persons { for c in p.conversations where grid.contains(c.dato) {
            let with = !c.types.isDisjoint(with: [.cv, .raad]), k = MA(m: c.dato.yearMonth, a: c.akasse)
            if c.types.contains(.job) { job.add(k); if with { jobWith.add(k) } }
            if c.types.contains(.fjob) { fjob.add(k); if with { fjobWith.add(k) } }
        } }
        (job, jobWith, fjob, fjobWith) = (job.rolledUp(\.rollup), jobWith.rolledUp(\.rollup), fjob.rolledUp(\.rollup),
                                          fjobWith.rolledUp(\.rollup))
        var out = MeasureTable(name: "m2_3_sammen.csv", header: ["maaned", "akasse", "andel_jobsamtaler", "andel_faelles_jobsamtaler"],
                               style: PublishedStyle(zero: .zero, undefined: .nan))
        for m in grid.monthSlots { for a in grid.akasseSlots {
            let k = MA(m: m, a: a)
            out.append([MonitoringGrid.monthLabel(m), MonitoringGrid.akasseLabel(a),
                        .share(jobWith[k], of: job[k]), .share(fjobWith[k], of: fjob[k])])
        } }
        return out
    }
}
