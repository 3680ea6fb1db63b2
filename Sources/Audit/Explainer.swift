import ColumnStore
import Domain
import Foundation
import Publishing
import ReferenceData

/// Builds the ``Explanation`` of one person and month from a finished run folder: the
/// person's normalised rows are read from the checkpoints and the Domain rules are applied
/// to them again, step by step; the counts shown are those of the run's own checkpoints.
public struct Explainer {
    public let folder: RunFolder
    public let month: YearMonth
    let rules: DomainRules

    public init(folder: RunFolder, rules: DomainRules = .standard) throws {
        self.folder = folder
        guard let m = YearMonth(folder.manifest.month) else {
            throw AuditError("run.json of \(folder.url.path) has no valid month")
        }
        self.month = m
        self.rules = rules
    }

    /// The explanation for `pnr` (10 digits), optionally for one group label only.
    public func explain(pnr text: String, group: String? = nil) throws -> Explanation {
        guard text.count == 10, text.allSatisfy(\.isASCII), let pnr = Int64(text) else {
            throw AuditError("pnr must be 10 digits, got '\(text)'")
        }
        let history = try PersonSlice.history(folder, pnr: pnr)
        let timeline = PersonTimeline(history, month: month, rules: rules)
        let varighed = try rows(stage: "durations", table: "varighed", pnr: text)
        let maalte = try rows(stage: "jobsamtaler", table: "maalte", pnr: text)

        var sections: [Explanation.Section] = []
        sections.append(spellSection(timeline))
        sections.append(populationSection(timeline, history: history, varighed: varighed, maalte: maalte, group: group))
        for v in varighed where group == nil || v["ydelsesgruppe"] == group {
            sections.append(durationSection(timeline, row: v))
        }
        let evaluated = timeline.measureJobsamtaler(history).persons
        for r in maalte where group == nil || r["ydelsesgruppe"] == group {
            sections.append(contentsOf: measurementSections(timeline, history: history, row: r, measured: evaluated))
        }
        if !history.forsoeg.isEmpty { sections.append(try experimentSection(history, pnr: text)) }

        let measured = !maalte.isEmpty
        return Explanation(pnr: text, month: month.description, measured: measured,
                           notMeasuredReason: measured ? nil : notMeasuredReason(timeline, history: history, varighed: varighed),
                           sections: sections)
    }

    /// The rows of a checkpoint for one pnr, as column → text (null as absent).
    func rows(stage: String, table: String, pnr: String) throws -> [[String: String]] {
        guard let t = try folder.checkpoint(stage, table), let p = t["pnr"] else { return [] }
        var out: [[String: String]] = []
        for i in 0..<t.rowCount where p.text(at: i) == pnr {
            var r: [String: String] = [:]
            for c in t.columns { if let v = c.text(at: i) { r[c.name] = v } }
            out.append(r)
        }
        return out
    }

    // MARK: sections

    func spellSection(_ t: PersonTimeline) -> Explanation.Section {
        var steps: [Explanation.Step] = []
        if t.spells.isEmpty { steps.append(.init(rule: "SPELL-1", text: "no benefit spell is known at the end of \(month)")) }
        for (i, s) in t.spells.enumerated() {
            let end = s.slut.map { "ended \($0)" } ?? "open at \(month.last)"
            let inM = s.lastBenefitDay(in: month).map { "last benefit day in \(month): \($0)" } ?? "no benefit day in \(month)"
            let head = "\(s.group.label) spell from \(s.start), \(end); \(inM)"
            switch s.group {
            case .ad:
                steps.append(.init(rule: "SPELL-1", text: "\(head): dagpengeperiode \(s.periodeId ?? "?") (taeller, forsikring \(s.forsikring?.code ?? "?")); a new foerste_dag starts a new spell, payment gaps do not"))
            case .sdp:
                steps.append(.init(rule: "SPELL-2", text: "\(head): ksd rows that overlap (start <= slut − 1, or the same start) merged into one spell"))
            default:
                let (rule, why) = municipalStart(t, index: i)
                steps.append(.init(rule: rule, text: "\(head): \(why)"))
                if let first = s.benefitDays.first?.from, first > s.start {
                    let r = s.start < rules.conversionFrom && first >= rules.conversionFrom ? "SPELL-7" : "SPELL-5"
                    let what = r == "SPELL-7" ? "continues the UH/SHO spell that ran up to the conversion (not a ydelsesskift)"
                                              : "joined the SHO spell immediately before it"
                    steps.append(.init(rule: r, text: "start moved back to \(s.start): \(what)"))
                }
                if s.endedByKontaktgruppe { steps.append(.init(rule: "SPELL-8", text: "ended by a kontaktgruppe 12→2 shift")) }
            }
        }
        return .init(title: "Benefit spells known at the end of \(month)", steps: steps)
    }

    /// Why municipal spell `i` starts where it does (SPELL-3 (a)/(b), SPELL-4, SPELL-8).
    func municipalStart(_ t: PersonTimeline, index i: Int) -> (String, String) {
        let s = t.spells[i]
        if s.startedByKontaktgruppe { return ("SPELL-8", "a kontaktgruppe 12→2 shift on \(s.start) started a new KH spell") }
        let earlier = t.spells[..<i].filter { $0.group == s.group && $0.start < s.start }
        guard let prev = earlier.last, let p = prev.lastBenefitDay, let d = s.benefitDays.first?.from else {
            return ("SPELL-3", "(a) the first benefit day of \(s.group.code)")
        }
        if d.yearMonth.index - p.yearMonth.index >= 2 {
            return ("SPELL-3", "(b) a whole calendar month without \(s.group.code) lies between the previous payment \(p) and \(d)")
        }
        return ("SPELL-4", "ydelsesskift: another benefit was paid between the previous \(s.group.code) payment \(p) and \(d)")
    }

    func populationSection(_ t: PersonTimeline, history: PersonHistory, varighed: [[String: String]],
                           maalte: [[String: String]], group: String?) -> Explanation.Section {
        var steps: [Explanation.Step] = []
        let withDay = t.spells.filter { $0.lastBenefitDay(in: month) != nil }
        steps.append(.init(rule: "POP-1", text: withDay.isEmpty ? "no benefit day in \(month)"
            : "benefit days in \(month) in: " + Set(withDay.map(\.group.label)).sorted().joined(separator: ", ")))
        if let b = history.birthDate {
            let pension = rules.pensionAge.pensionDay(born: b)
            steps.append(.init(rule: "POP-3", text: "born \(b): 16 on \(b.addingMonths(16 * 12)), folkepensionsalder on \(pension)"))
        } else if !withDay.isEmpty {
            steps.append(.init(rule: "POP-3", text: "no person record: not measured (counted as missing_person)"))
        }
        for v in varighed where group == nil || v["ydelsesgruppe"] == group {
            let g = v["ydelsesgruppe"] ?? "?"
            steps.append(.init(rule: "POP-4", text: "\(g): measured on the spell from \(v["forloeb_start"] ?? "?") with E = \(v["sidste_dag"] ?? "?") (the latest E in \(month))"))
            if !maalte.contains(where: { $0["ydelsesgruppe"] == g }) {
                steps.append(exclusionStep(t, history: history, varighedRow: v))
            }
        }
        if let all = maalte.first(where: { $0["alle_grupper"] == "true" }) {
            steps.append(.init(rule: "POP-7", text: "counted once in the all-groups figures, on the \(all["ydelsesgruppe"] ?? "?") spell (latest E; ties in the order AD, SDP, KH, UH, SHO, REV, RES, JAF, LED)"))
        }
        return .init(title: "Population (POP)", steps: steps)
    }

    /// Why a (person, group) with a duration row has no measured row: POP-5 or POP-6, as the
    /// Domain decides it (``PersonTimeline/exclusion(_:_:e:)``).
    func exclusionStep(_ t: PersonTimeline, history: PersonHistory, varighedRow v: [String: String]) -> Explanation.Step {
        let g = v["ydelsesgruppe"] ?? "?"
        let spell = t.spells.first { $0.start.description == v["forloeb_start"] && $0.group.label == groupBase(g) }
        let e = v["sidste_dag"].flatMap { Day(iso: $0) }
        switch spell.flatMap({ s in e.flatMap { t.exclusion(history, s, e: $0) } }) {
        case .code91?:
            return .init(rule: "POP-6", text: "\(g): code 91 (kan vende tilbage inden for 13 uger) in the first six months of the spell: not measured at all, not in Måling 5 (EXEMPT-6)")
        case .absentAllMonth?:
            return .init(rule: "POP-5", text: "\(g): every day of the spell in \(month) is covered by fravær code 1 (barsel) or 90: not measured at all, not in Måling 5")
        case nil:
            return .init(rule: "EXEMPT-8", text: "\(g): no row in jobsamtaler/maalte, although the rules measure it: the run folder's checkpoints disagree with this ydelse")
        }
    }

    /// The benefit group of an output label (`Kontanthjælp, grundsats` is KH).
    func groupBase(_ label: String) -> String {
        label.hasPrefix("Kontanthjælp") ? BenefitGroup.kh.label : label
    }

    func durationSection(_ t: PersonTimeline, row v: [String: String]) -> Explanation.Section {
        var steps: [Explanation.Step] = []
        let g = v["ydelsesgruppe"] ?? "?"
        guard let start = v["forloeb_start"].flatMap({ Day(iso: $0) }), let e = v["sidste_dag"].flatMap({ Day(iso: $0) }) else {
            return .init(title: "Duration of \(g)", steps: [.init(rule: "DUR-1", text: "the durations checkpoint has no start or E")])
        }
        let dead = IntervalSet.dayCount(t.deadDays, in: start, e)
        let deadText = dead == 0 ? "no dead days" : "\(dead) dead days skipped (" + IntervalSet.clip(t.deadDays, start, e).map(\.description).joined(separator: ", ") + ")"
        if let hours = v["varighed_timer"] {
            steps.append(.init(rule: "DUR-4", text: "hours from \(start) to E = \(e): \(hours) h (rounded to 0.01, DUR-7); \(deadText) (DEAD-1/2)"))
            if let s = t.spells.first(where: { $0.group == .ad && $0.start == start }) {
                var m = max(start.yearMonth, e.yearMonth.advanced(by: -12))
                while m <= e.yearMonth {
                    let h = t.hoursSum(s, from: max(m.first, start), to: min(m.last, e))
                    steps.append(.init(rule: "DUR-3", text: "  \(m): \(DanishNumber.decimal(Double(h.roundedHundredths) / 100, decimals: 2)) h spread over weekdays, dead days excluded"))
                    m = m.advanced(by: 1)
                }
            }
        } else {
            steps.append(.init(rule: "DUR-1", text: "days from \(start) to E = \(e): \(e - start + 1) calendar days − \(dead) dead = \(v["varighed_dage"] ?? "?") days; \(deadText) (DEAD-1/2)"))
        }
        let band = v["aarsbaand"].map { ", \($0)" } ?? ""
        steps.append(.init(rule: "INT-2", text: "Skema 1: \(v["varighed"] ?? "?"), \(v["varighed_samlet"] ?? "?")\(band)"))
        return .init(title: "Duration of \(g) (DUR, DEAD, INT)", steps: steps)
    }

    /// WIN, TALK, EXEMPT, KOM and MEAS for one measured row of `maalte`: the Domain's
    /// evaluation of the person again, line by line, next to the checkpoint's figures.
    func measurementSections(_ t: PersonTimeline, history: PersonHistory, row r: [String: String],
                             measured: [MeasuredPerson]) -> [Explanation.Section] {
        let g = r["ydelsesgruppe"] ?? "?"
        var steps: [Explanation.Step] = []
        guard let p = measured.first(where: { $0.duration.groupLabel == g }),
              let s = t.spells.first(where: { $0.group == p.group && $0.start == p.duration.spellStart }) else {
            return [.init(title: "Jobsamtaler, \(g)", steps: [.init(rule: "EXEMPT-8", text: "the rules do not measure this group again from the checkpoints: the run folder disagrees with this ydelse")])]
        }
        let w = p.window
        let unit = t.unit(of: s)
        let twelve = t.rules.twelve(unit)
        let durE = t.durValue(s, at: w.end)
        if durE < twelve {
            steps.append(.init(rule: "WIN-1", text: "duration under 12 months: the window is the whole spell, \(w.start)..\(w.end)"))
        } else {
            steps.append(.init(rule: s.group == .ad ? "WIN-3" : "WIN-2",
                               text: "12 months or more: the window is the latest 12 months without dead days, \(w.start)..\(w.end)"))
        }
        if let a = p.talkAnchor {
            steps.append(.init(rule: "TALK-10", text: "registered at the jobcenter on \(a) (within 3 months before the start): talks count from \(a)"))
        }
        // EXEMPT
        let ex = p.exemption
        let unitText = s.group == .ad ? "hours (hundredths)" : "days"
        let threshold = t.rules.jobsamtaler.thresholds.row(for: month)
        let beforeSix = durE < t.rules.six(unit)
        let pct = beforeSix ? threshold.sharePercentBeforeSix : threshold.sharePercentFromSix
        let mii = beforeSix ? threshold.miiDaysBeforeSix.map { " or at least \($0) MII days" } ?? "" : ""
        steps.append(.init(rule: "EXEMPT-2", text: "exempt \(unitText) \(ex.exemptAmount) of \(ex.windowAmount) non-dead in the window: share \(String(format: "%.4f", ex.share))"))
        steps.append(.init(rule: "EXEMPT-4", text: "MII (code 92) days in the window: \(ex.miiDays)"))
        steps.append(.init(rule: "EXEMPT-3", text: "threshold in \(month) \(beforeSix ? "in the first six months" : "from the seventh month"): share >= \(pct) %\(mii) -> \(ex.isExempt ? "exempt (Måling 5 only, no talk count, EXEMPT-7)" : "not exempt")"))
        // TALK
        if !ex.isExempt {
            let v = t.talkVerdicts(history, s, window: w, anchor: p.talkAnchor)
            if let f1 = v.firstTalk { steps.append(.init(rule: "TALK-9", text: "first jobsamtale of the kontaktforløb (F1): \(f1)")) }
            for l in v.lines where l.line.dato >= w.start.addingMonths(-3) && l.line.dato <= w.end.addingMonths(1) {
                let line = "\(l.line.dato) \(l.line.type.rawValue) \(l.line.kontaktform.rawValue) \(l.line.afholder.rawValue) kommune \(l.line.kommune)"
                steps.append(.init(rule: l.rule, text: "\(line): \(l.counts ? "counts" : "does not count") — \(l.reason)"))
            }
            let n = p.talks ?? 0
            steps.append(.init(rule: "TALK-1", text: "\(n) distinct date(s) with a qualifying talk: \(p.talkDates.map(\.description).joined(separator: ", "))"))
            if let recorded = r["samtaler"], recorded != String(n) {
                steps.append(.init(rule: "TALK-1", text: "the run's maalte says \(recorded): the run folder disagrees with this ydelse"))
            }
        }
        // KOM and the cells
        let k = r["kommune"]
        let kText = k.map { "\($0) \(Kommune.byCode[$0]?.name ?? "")" } ?? "unknown: counted only in `I alt` (KOM-2, KOM-3)"
        steps.append(.init(rule: "KOM-1", text: "kommune of residence on day K: \(kText)"))
        var cells: [String] = []
        let labels = [r["varighed"], r["varighed_samlet"], r["aarsbaand"], "I alt"].compactMap { $0 }
        var seen = Set<String>()
        let groups = [g] + (r["alle_grupper"] == "true" ? ["I alt"] : [])
        for kom in [k, "I alt"].compactMap({ $0 }) {
            for gr in groups {
                for lab in labels where seen.insert("\(kom)|\(gr)|\(lab)").inserted {
                    cells.append("(\(kom); \(gr); \(lab))")
                }
            }
        }
        let measure = ex.isExempt ? "fritagne (Måling 5)" : "samtaler_\(min(p.talks ?? 0, 5) == 5 ? "5plus" : String(p.talks ?? 0)), personer\((p.talks ?? 0) < 4 ? ", faerre_end_4" : "")"
        steps.append(.init(rule: ex.isExempt ? "MEAS-5" : "MEAS-1", text: "counts in \(measure) of the cells (kommune; ydelsesgruppe; varighed) of measures/jobsamtaler.csv: " + cells.joined(separator: ", ")))
        if r["alle_grupper"] == "true" {
            steps.append(.init(rule: "POP-7", text: "this group's spell has the latest E: it carries the person in the all-groups (I alt) cells"))
        }
        return [.init(title: "Jobsamtaler, \(g) (WIN, TALK, EXEMPT, KOM, MEAS)", steps: steps)]
    }

    func experimentSection(_ h: PersonHistory, pnr: String) throws -> Explanation.Section {
        var steps: [Explanation.Step] = []
        let fp = try rows(stage: "forsoegsperiode", table: "forsoegsperiode", pnr: pnr)
        let facts = try rows(stage: "forsoegsmaaling", table: "forloeb", pnr: pnr)
        for f in h.forsoeg.sorted(by: { $0.visitationsdato < $1.visitationsdato }) {
            guard f.visitationsdato <= month.last else {
                steps.append(.init(rule: "FSG-0.2", text: "forløb \(f.forloebId) is visited \(f.visitationsdato), after \(month): it does not exist yet"))
                continue
            }
            let known = f.afslutningsdato.flatMap { $0 <= month.last ? $0 : nil }
            let end = known.map { "ended \($0) (\(f.aarsag ?? "no årsag"))" } ?? "open at \(month.last)"
            let a = AKasse.byCode[f.akasse]?.shortName ?? f.akasse
            steps.append(.init(rule: "FSG-0.2", text: "forløb \(f.forloebId), \(a), visited \(f.visitationsdato), \(end)"))
            if let r = fp.first(where: { $0["forloeb_id"] == f.forloebId }) {
                let reached = r["fuld_periode_dato"].map { "full period reached on \($0)" } ?? "full period not reached by \(month.last)"
                steps.append(.init(rule: "FSG-0.3", text: "  \(r["timer_forbrugt"] ?? "?") h of dagpenge consumed since visitation (suspension windows excluded); \(reached)"))
            }
            if let x = facts.first(where: { $0["forloeb_id"] == f.forloebId }) {
                steps.append(.init(rule: "FSG-0.6", text: "  \(x["unikke_samtaler"] ?? "?") unique experiment conversation(s) (FSG-0.5: JOB/FJOB/CV/RAAD held by the a-kasse or FJOB, on covered days)"))
                steps.append(.init(rule: "FSG-0.7", text: "  \(x["individuelle_jobsamtaler"] ?? "?") individual jobsamtale date(s)"))
                if x["aarsag"] == "FA" {
                    let ja = x["fokus_ja"] == "true"
                    steps.append(.init(rule: "FSG-2.2", text: "  full period ended in \(known.map { "\($0.yearMonth)" } ?? "?"): \(ja ? "Ja" : "Nej") in the focus measure (>= 2 individual jobsamtaler), Måling 2.1 and Bilag 2/3 of \(a)"))
                }
                if let v = Day(iso: x["visitationsdato"] ?? ""), v.yearMonth >= rules.experiment.firstMonth {
                    steps.append(.init(rule: "FSG-1.1", text: "  påbegyndt in \(v.yearMonth): counts in Måling 1.1 (\(a) and I alt)\(v.yearMonth == month ? " and Bilag 1" : "")"))
                }
            }
        }
        return .init(title: "Experiment forløb (FSG)", steps: steps)
    }

    func notMeasuredReason(_ t: PersonTimeline, history: PersonHistory, varighed: [[String: String]]) -> String {
        let withDay = t.spells.filter { $0.lastBenefitDay(in: month) != nil }
        if withDay.isEmpty { return "POP-1: no benefit day of a measured group in \(month)" }
        guard let b = history.birthDate else { return "POP-3: no person record (missing_person)" }
        if varighed.isEmpty {
            return "POP-3: no benefit day in \(month) between the 16th birthday (\(b.addingMonths(16 * 12))) and folkepensionsalder (\(rules.pensionAge.pensionDay(born: b)))"
        }
        let step = exclusionStep(t, history: history, varighedRow: varighed[0])
        return "\(step.rule): \(step.text)"
    }
}

extension Explainer {
    /// Refuses a run folder whose stages were made by other code versions than this ydelse's:
    /// its checkpoints would be read with rules they were not made with.
    public func checkVersions() throws {
        let current = CurrentVersions.codeVersions(of: folder.manifest.stages)
        var other: [String] = []
        for s in folder.manifest.stages {
            if let now = current[s.name], now != s.codeVersion, !s.codeVersion.isEmpty {
                other.append("stage \(s.name) was made by code version \(s.codeVersion), this ydelse has \(now)")
            }
        }
        if !other.isEmpty {
            throw AuditError("\(folder.url.path) was made by another version of ydelse: " + other.joined(separator: "; ")
                             + ". Rerun the month with this version (ydelse run … --force) or use the matching ydelse.")
        }
    }
}
