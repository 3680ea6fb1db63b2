import ColumnStore
import ReferenceData
@testable import Domain

// Part C defaults: pnr 0000000001, born 1980-01-01, bopael Aarhus (751) from 2000-01-01,
// ky lines KH with empty sats, kommune 751; AD forsikring H, akasse 03, one + FLEUR record per
// whole month of 160.33 h type 01.

func d(_ s: String) -> Day { Day(iso: s)! }
func ym(_ s: String) -> YearMonth { YearMonth(s)! }

func person(born: Day? = d("1980-01-01"),
            taeller: [DagpengePeriodeRow] = [], fleur: [FleurRecord] = [], ky: [KyLine] = [],
            ksd: [KsdRow] = [], fravaer: [FravaerRow] = [], maalgruppe: [MaalgruppeRow] = [],
            bopael: [BopaelRow] = [BopaelRow(kommune: "751", fra: d("2000-01-01"), til: nil)],
            forsoeg: [ForsoegRow] = []) -> PersonHistory {
    PersonHistory(pnr: 1, birthDate: born, dagpengeperioder: taeller, fleur: fleur, ky: ky, ksd: ksd,
                  fravaer: fravaer, maalgruppe: maalgruppe, bopael: bopael, forsoeg: forsoeg)
}

func line(_ y: KyYdelse = .kh, _ a: String, _ b: String, sats: KHSats? = nil) -> KyLine {
    KyLine(ydelse: y, sats: sats, fra: d(a), til: d(b), kommune: "751")
}

func periode(_ first: String, _ last: String? = nil, _ f: Forsikring = .fullTime, id: String = "P1") -> DagpengePeriodeRow {
    DagpengePeriodeRow(periodeId: id, foersteDag: d(first), sidsteDag: last.map(d), forsikring: f)
}

/// One record per whole month `from...to` (YYYY-MM), `timer` hundredths each.
func monthly(_ from: String, _ to: String, timer: Int64 = 16033, forsikring: Forsikring = .fullTime) -> [FleurRecord] {
    var out: [FleurRecord] = []
    var m = ym(from)
    while m <= ym(to) {
        out.append(FleurRecord(akasse: "03", periodeFra: m.first, periodeTil: m.last, ydelsestype: 1, timer: timer,
                               fradragstimer: 0, forsikring: forsikring, kommune: "751"))
        m = m.advanced(by: 1)
    }
    return out
}

func fleur(_ a: String, _ b: String, timer: Int64, fradrag: Int64 = 0, type: UInt8 = 1, reversal: Bool = false) -> FleurRecord {
    FleurRecord(akasse: "03", periodeFra: d(a), periodeTil: d(b), ydelsestype: type, timer: timer,
                fradragstimer: fradrag, forsikring: .fullTime, kommune: "751", isReversal: reversal)
}

func rows(_ p: PersonHistory, _ m: String) -> [DurationRow] {
    DurationCalculator.durations(for: p, month: ym(m)).rows
}

func row(_ p: PersonHistory, _ m: String, _ g: BenefitGroup) -> DurationRow? {
    rows(p, m).first { $0.group == g }
}

func spell(_ p: PersonHistory, _ m: String, _ g: BenefitGroup) -> (PersonTimeline, Spell)? {
    let t = PersonTimeline(p, month: ym(m))
    guard let s = t.spells.last(where: { $0.group == g }) else { return nil }
    return (t, s)
}

let rules = DomainRules.standard

func labels(days: Int64) -> Skema1Labels { rules.skema1Labels(days, .days) }
func labels(hoursH h: String) -> Skema1Labels { rules.skema1Labels(parseHundredths(h)!, .hoursFullTime) }
func labels(hoursD h: String) -> Skema1Labels { rules.skema1Labels(parseHundredths(h)!, .hoursPartTime) }
