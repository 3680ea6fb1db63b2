import ColumnStore
import ReferenceData

/// Computes one person's ``ExperimentPersonFacts`` for report month M (RULES.md Part B): the
/// forløb as known at M (FSG-0.2), experiment conversations and their attribution (FSG-0.5..0.7),
/// experiment offers (FSG-3.0), coverage in each month's last week (FSG-0.10) and the Tema 4
/// cohort periods (FSG-4.0..4.2). Pure: the same history and month give the same facts.
public enum ExperimentFactsCalculator {
    /// The nine experiment a-kasser (`01`..`09`, FSG-0.8).
    public static let experimentAkasser: Set<String> = Set(AKasse.experiment.map(\.code))

    public static func facts(for p: PersonHistory, month: YearMonth, rules: DomainRules = .standard) -> ExperimentPersonFacts {
        let x = rules.experiment
        let last = month.last
        var unknown = 0
        var forloeb: [KnownForloeb] = []
        for row in p.forsoeg {
            guard let f = KnownForloeb(row, month: month) else { continue }
            if experimentAkasser.contains(f.akasse) { forloeb.append(f) } else { unknown += 1 }
        }
        forloeb.sort { ($0.visitationsdato, $0.forloebId) < ($1.visitationsdato, $1.forloebId) }

        // FSG-0.5 / FSG-0.6 / FSG-0.7: experiment lines by date, attributed to one forløb.
        var byDate: [Day: (forloeb: Int, types: ConversationTypes, individualJob: Bool)] = [:]
        for s in p.samtaler where s.dato <= last {
            guard let t = ConversationTypes(s.type), s.afholder == .akasse || s.type == .fjob,
                  let i = forloeb.attributed(s.dato) else { continue }
            var e = byDate[s.dato] ?? (i, [], false)
            e.types.insert(t)
            if (s.type == .job || s.type == .fjob) && s.individuel { e.individualJob = true }
            byDate[s.dato] = e
        }
        var unique = [Int](repeating: 0, count: forloeb.count), individual = unique
        var conversations: [ExperimentConversation] = []
        for (dato, e) in byDate.sorted(by: { $0.key < $1.key }) {
            unique[e.forloeb] += 1
            if e.individualJob { individual[e.forloeb] += 1 }
            conversations.append(ExperimentConversation(dato: dato, akasse: forloeb[e.forloeb].akasse, types: e.types))
        }

        // FSG-3.0: offers with an a-kasse whose `fra` is covered.
        var offers: [ExperimentOffer] = []
        for t in p.tilbud where t.akasse != nil && t.fra <= last {
            guard let i = forloeb.attributed(t.fra) else { continue }
            offers.append(ExperimentOffer(fra: t.fra, kategori: t.kategori, akasse: forloeb[i].akasse))
        }
        offers.sort { ($0.fra, $0.kategori.rawValue) < ($1.fra, $1.kategori.rawValue) }

        // FSG-0.10: coverage in the last week of every experiment month.
        var covered: [MonthAkasse] = []
        if let firstVisit = forloeb.first?.visitationsdato {
            for m in x.months(through: month) where m.last >= firstVisit {
                let week = x.lastWeek(m)
                var ak = forloeb.filter { $0.covers(any: week) }.map(\.akasse)
                ak.sort()
                for (i, a) in ak.enumerated() where i == 0 || ak[i - 1] != a { covered.append(MonthAkasse(month: m, akasse: a)) }
            }
        }

        let facts = forloeb.indices.map {
            ForloebFacts(forloeb: forloeb[$0], uniqueConversations: unique[$0], individualJobsamtaler: individual[$0])
        }
        return ExperimentPersonFacts(pnr: p.pnr, forloeb: facts, conversations: conversations, offers: offers,
                                     coveredLastWeek: covered,
                                     cohort: CohortClassifier.periods(p, forloeb: forloeb, quarter: x.cohortQuarter(month), month: month),
                                     unknownAkasse: unknown)
    }
}
