import Testing
import Foundation
import ColumnStore
import ReferenceData
@testable import Domain
import TestScratch

enum RandomHistory {
    static let lo = d("2019-01-01"), hi = d("2026-06-30")

    static func day(_ g: inout SplitMix64) -> Day { Day(rawValue: Int32.random(in: lo.rawValue...hi.rawValue, using: &g)) }

    static func make(_ pnr: Int64, _ g: inout SplitMix64) -> PersonHistory {
        var ky: [KyLine] = []
        let yd: [KyYdelse] = [.kh, .kh, .kh, .uh, .sho, .shop, .rev, .frev, .res, .jaf, .led, .skh, .ftp]
        for _ in 0..<Int.random(in: 0...7, using: &g) {
            let y = yd.randomElement(using: &g)!
            let a = day(&g)
            var b = a + Int.random(in: 0...150, using: &g)
            if y == .uh || y == .sho {   // SPELL-7 Decision: such lines with til >= 2025-07-01 are rejects
                if a >= rules.conversionFrom { continue }
                b = min(b, rules.conversionFrom - 1)
            }
            let sats: KHSats? = y == .kh && b >= rules.conversionFrom ? KHSats.allCases.randomElement(using: &g) : nil
            ky.append(KyLine(ydelse: y, sats: sats, fra: a, til: b, kommune: "751"))
        }
        var ksd: [KsdRow] = []
        for i in 0..<Int.random(in: 0...2, using: &g) {
            let a = day(&g)
            let open = Int.random(in: 0..<4, using: &g) == 0
            ksd.append(KsdRow(forloebId: "K\(i)", start: a, slut: open ? nil : a + Int.random(in: 0...200, using: &g), kommune: "751"))
        }
        var taeller: [DagpengePeriodeRow] = []
        var fl: [FleurRecord] = []
        for i in 0..<Int.random(in: 0...2, using: &g) {
            let a = day(&g)
            let f: Forsikring = Bool.random(using: &g) ? .fullTime : .partTime
            taeller.append(DagpengePeriodeRow(periodeId: "T\(i)", foersteDag: a,
                                              sidsteDag: Bool.random(using: &g) ? nil : a + Int.random(in: 30...900, using: &g), forsikring: f))
            var x = a
            for _ in 0..<Int.random(in: 0...20, using: &g) {
                let len = Int.random(in: 0...40, using: &g)
                let timer = Int64.random(in: 1...20000, using: &g)
                let type = UInt8.random(in: 1...7, using: &g)
                fl.append(FleurRecord(akasse: "03", periodeFra: x, periodeTil: x + len, ydelsestype: type, timer: timer,
                                      fradragstimer: Int64.random(in: 0...500, using: &g), forsikring: f, kommune: "751",
                                      isReversal: Int.random(in: 0..<10, using: &g) == 0))
                x = x + len + 1 + Int.random(in: 0...40, using: &g)
            }
        }
        var fravaer: [FravaerRow] = []
        for _ in 0..<Int.random(in: 0...3, using: &g) {
            let a = day(&g)
            fravaer.append(FravaerRow(kode: ["1", "90", "10", "92"].randomElement(using: &g)!, fra: a, til: a + Int.random(in: 0...90, using: &g)))
        }
        var mg: [MaalgruppeRow] = []
        var x = d("2025-01-01") + Int.random(in: 0...200, using: &g)
        for _ in 0..<Int.random(in: 0...3, using: &g) {
            let len = Int.random(in: 10...120, using: &g)
            mg.append(MaalgruppeRow(fra: x, til: x + len - 1, kontaktgruppe: [2, 12].randomElement(using: &g)!))
            x = x + len
        }
        var forsoeg: [ForsoegRow] = []
        if let t = taeller.first, Bool.random(using: &g) {
            forsoeg.append(ForsoegRow(forloebId: "F\(pnr)", akasse: "07", visitationsdato: t.foersteDag + Int.random(in: 0...60, using: &g),
                                      forsikring: t.forsikring))
        }
        return PersonHistory(pnr: pnr, birthDate: d("1980-01-01"), dagpengeperioder: taeller, fleur: fl, ky: ky, ksd: ksd,
                             fravaer: fravaer, maalgruppe: mg, bopael: [BopaelRow(kommune: "751", fra: d("2000-01-01"), til: nil)],
                             forsoeg: forsoeg)
    }

    static func persons(_ n: Int, seed: UInt64) -> [PersonHistory] {
        var g = SplitMix64(seed: seed)
        return (0..<n).map { make(Int64($0 + 1), &g) }
    }
}

/// INT-1 bounds written out independently of skema1.csv.
let dayBounds: [Int64] = [0, 31, 62, 92, 122, 153, 183, 213, 244, 274, 304, 335, 365]
let monthLabels = ["Under 1 måned", "1 måned", "2 måneder", "3 måneder", "4 måneder", "5 måneder", "6 måneder",
                   "7 måneder", "8 måneder", "9 måneder", "10 måneder", "11 måneder", "12 måneder og derover"]

func expectedMonthly(_ v: Int64, _ unit: DurationUnit) -> String {
    let bounds: [Int64]
    switch unit {
    case .days: bounds = dayBounds
    case .hoursFullTime: bounds = (0...12).map { Int64($0) * 16033 }
    case .hoursPartTime: bounds = (0...12).map { Int64($0) * 13000 }
    }
    return monthLabels[bounds.lastIndex { $0 <= v }!]
}

func expectedBand(_ v: Int64, _ unit: DurationUnit) -> String? {
    let year: Int64 = unit == .days ? 365 : (unit == .hoursFullTime ? 192396 : 156000)
    let bounds = [year, unit == .days ? 1095 : 3 * year, unit == .days ? 2190 : 6 * year, unit == .days ? 3650 : 10 * year]
    let names = ["1 – 2 år", "3 – 5 år", "6 – 9 år", "10 + år"]
    guard let i = bounds.lastIndex(where: { $0 <= v }) else { return nil }
    return names[i]
}

let months: [YearMonth] = Array(ym("2019-01")...ym("2026-06"))

@Suite struct PropertyTests {
    @Test("DUR-1/DUR-4 property: durations never decrease month over month within a spell")
    func monotone() {
        for p in RandomHistory.persons(150, seed: 42) {
            var prev: [String: (Int64, YearMonth)] = [:]
            for m in months {
                for r in DurationCalculator.durations(for: p, month: m).rows {
                    let key = "\(r.group.code)|\(r.spellStart)"
                    if let (v, pm) = prev[key] {
                        #expect(r.value >= v, "pnr \(p.pnr) \(key) \(pm)→\(m): \(v) → \(r.value)")
                    }
                    prev[key] = (r.value, m)
                }
            }
        }
    }

    @Test("INT-1/INT-2 property: every label agrees with the Skema 1 bounds")
    func labelsAgree() {
        var n = 0
        for p in RandomHistory.persons(150, seed: 7) {
            for m in months {
                for r in DurationCalculator.durations(for: p, month: m).rows {
                    n += 1
                    #expect(r.interval == expectedMonthly(r.value, r.unit))
                    #expect(r.yearBand == expectedBand(r.value, r.unit))
                    #expect(r.summary == (r.value >= rules.twelve(r.unit) ? "12 måneder og derover" : "Under 12 måneder"))
                    #expect(m.days.contains(r.e))
                    #expect(r.spellStart <= r.e)
                }
            }
        }
        #expect(n > 500)
        // Dense sweep of the bounds themselves.
        for unit in [DurationUnit.days, .hoursFullTime, .hoursPartTime] {
            for v in stride(from: Int64(0), through: unit == .days ? 4000 : 2_000_000, by: unit == .days ? 1 : 7) {
                let l = rules.skema1Labels(v, unit)
                #expect(l.monthly == expectedMonthly(v, unit) && l.yearBand == expectedBand(v, unit))
            }
        }
    }

    @Test("DEAD-1/DEAD-2 property: hours and days on dead days are never counted")
    func deadDays() {
        for p in RandomHistory.persons(120, seed: 99) {
            for m in months where m.month % 3 == 0 {
                let t = PersonTimeline(p, month: m)
                for (s, e) in t.measuredSpells().spells {
                    switch t.dur(s, at: e) {
                    case .days(let n):
                        var brute = 0
                        var x = s.start
                        while x <= e { if !t.isDead(x) { brute += 1 }; x = x + 1 }
                        #expect(n == brute)
                    case .hours(let h):
                        var brute = ExactHours()
                        var x = s.start
                        while x <= e {
                            if !t.isDead(x) { brute.add(t.hours(s, on: x)) }
                            x = x + 1
                        }
                        #expect(h.roundedHundredths == brute.roundedHundredths)
                    }
                }
                // Everything dead → every duration is 0.
                var q = p
                q.fravaer.append(FravaerRow(kode: "1", fra: d("2000-01-01"), til: nil))
                for r in DurationCalculator.durations(for: q, month: m).rows { #expect(r.value == 0) }
            }
        }
    }

    @Test("CONV-11 property: spells are well formed")
    func spellsWellFormed() {
        for p in RandomHistory.persons(150, seed: 2024) {
            for m in months where m.month % 2 == 0 {
                let sp = SpellBuilder.spells(for: p, month: m)
                for s in sp {
                    if let sl = s.slut { #expect(sl <= m.last && sl >= s.start) }
                    if let f = s.benefitDays.first { #expect(f.from >= s.start) }
                    if let l = s.benefitDays.last { #expect(l.to <= m.last) }
                    if s.group == .uh || s.group == .sho { #expect(s.benefitDays.last!.to < rules.conversionFrom) }
                }
                for g in BenefitGroup.allCases where g.isMunicipal || g == .sdp {
                    let gs = sp.filter { $0.group == g }.sorted { $0.start < $1.start }
                    for (a, b) in zip(gs, gs.dropFirst()) { #expect(a.benefitDays.last!.to < b.benefitDays.first!.from) }
                }
            }
        }
    }

    @Test("FSG-0.3 property: consumption is monotone in M and the full-period day is stable once reached")
    func forsoegMonotone() {
        for p in RandomHistory.persons(200, seed: 5) where !p.forsoeg.isEmpty {
            var prev: ForsoegsperiodeRow?
            for m in months {
                guard let r = ForsoegsperiodeCalculator.periods(for: p, month: m).first else { continue }
                if let q = prev {
                    #expect(r.timerForbrugtHundredths >= q.timerForbrugtHundredths)
                    if let f = q.fuldPeriodeDato { #expect(r.fuldPeriodeDato == f) }
                }
                if let f = r.fuldPeriodeDato { #expect(f >= r.visitationsdato && f <= m.last) }
                prev = r
            }
        }
    }
}
