import ColumnStore
import Domain
import Foundation
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
        for r in maalte where group == nil || r["ydelsesgruppe"] == group {
            sections.append(contentsOf: measurementSections(timeline, history: history, row: r))
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

    /// Why a (person, group) with a duration row has no measured row: POP-5 or POP-6.
    func exclusionStep(_ t: PersonTimeline, history: PersonHistory, varighedRow v: [String: String]) -> Explanation.Step {
        let g = v["ydelsesgruppe"] ?? "?"
        if g == BenefitGroup.sdp.label, history.fravaer.contains(where: { $0.kode == "91" }) {
            return .init(rule: "POP-6", text: "\(g): code 91 (kan vende tilbage inden for 13 uger) in the first six months of the spell: not measured at all, not in Måling 5 (EXEMPT-6)")
        }
        return .init(rule: "POP-5", text: "\(g): every day of the spell in \(month) is covered by fravær code 1 (barsel) or 90: not measured at all, not in Måling 5")
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
                    steps.append(.init(rule: "DUR-3", text: "  \(m): \(DanishHours.text(h.roundedHundredths)) h spread over weekdays, dead days excluded"))
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

    /// WIN, TALK, EXEMPT, KOM and MEAS for one measured row of `maalte`.
    func measurementSections(_ t: PersonTimeline, history: PersonHistory, row r: [String: String]) -> [Explanation.Section] {
        let g = r["ydelsesgruppe"] ?? "?"
        var steps: [Explanation.Step] = []
        steps.append(.init(rule: "WIN-1", text: "window from \(r["vindue_start"] ?? "?") to E = \(r["sidste_dag"] ?? "?")"))
        if r["fritaget"] == "true" {
            steps.append(.init(rule: "EXEMPT-3", text: "exempt: share \(r["fritagelsesandel"] ?? "?") of the window; counted in Måling 5 only, no talk count (EXEMPT-7)"))
        } else {
            steps.append(.init(rule: "TALK-1", text: "\(r["samtaler"] ?? "?") qualifying talk date(s): \(r["taelte_datoer"] ?? "")"))
        }
        let kommune = r["kommune"].map { "\($0) \(Kommune.byCode[$0]?.name ?? "")" } ?? "unknown: national total only (KOM-3)"
        steps.append(.init(rule: "KOM-1", text: "kommune: \(kommune)"))
        return [.init(title: "Jobsamtaler, \(g) (WIN, TALK, EXEMPT, KOM, MEAS)", steps: steps)]
    }

    func experimentSection(_ h: PersonHistory, pnr: String) throws -> Explanation.Section {
        var steps: [Explanation.Step] = []
        let fp = try rows(stage: "forsoegsperiode", table: "forsoegsperiode", pnr: pnr)
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
        return exclusionStep(t, history: history, varighedRow: varighed[0]).text
    }
}

/// Hundredths of an hour as Danish text (`160,33`).
enum DanishHours {
    static func text(_ hundredths: Int64) -> String {
        let f = String(hundredths % 100)
        return "\(hundredths / 100)," + (f.count < 2 ? "0" + f : f)
    }
}

extension Explainer {
    /// Refuses a run folder whose stages were made by other code versions than this ydelse's:
    /// its checkpoints would be read with rules they were not made with.
    public func checkVersions() throws {
        let current = try CurrentVersions.codeVersions()
        var other: [String] = []
        for s in folder.manifest.stages {
            if let now = current[s.kind], now != s.codeVersion, !s.codeVersion.isEmpty {
                other.append("stage \(s.name) was made by code version \(s.codeVersion), this ydelse has \(now)")
            }
        }
        if !other.isEmpty {
            throw AuditError("\(folder.url.path) was made by another version of ydelse: " + other.joined(separator: "; ")
                             + ". Rerun the month with this version (ydelse run … --force) or use the matching ydelse.")
        }
    }
}
