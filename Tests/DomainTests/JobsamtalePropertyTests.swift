import Testing
import ColumnStore
import ReferenceData
@testable import Domain
import TestScratch

/// Properties of the measurement over seeded random histories (RandomHistory plus talks,
/// offers and registrations), checked against the rule text rather than fixed numbers.
@Suite struct JobsamtalePropertyTests {
    static func persons() -> [PersonHistory] {
        var g = SplitMix64(seed: 8)
        return RandomHistory.persons(120, seed: 8).map { p in
            var h = p
            let kinds: [SamtaleRow.Kind] = [.job, .job, .fjob, .cv, .raad, .syg]
            let forms: [SamtaleRow.Kontaktform] = [.personal, .phone, .digital]
            let holders: [SamtaleRow.Afholder] = [.jobcenter, .akasse, .andenAktoer]
            h.samtaler = (0..<Int.random(in: 0...40, using: &g)).map { _ in
                SamtaleRow(dato: RandomHistory.day(&g), type: kinds.randomElement(using: &g)!, kontaktform: forms.randomElement(using: &g)!,
                           afholder: holders.randomElement(using: &g)!, kommune: ["751", "851", "101", "269"].randomElement(using: &g)!,
                           akasse: Bool.random(using: &g) ? "03" : "12")
            }
            h.tilbud = (0..<Int.random(in: 0...2, using: &g)).map { _ in
                let a = RandomHistory.day(&g)
                return TilbudRow(kategori: .vp, fra: a, til: a + Int.random(in: 0...60, using: &g))
            }
            h.tilmeldinger = (0..<Int.random(in: 0...2, using: &g)).map { _ in RandomHistory.day(&g) }
            return h
        }
    }

    static let sampleMonths: [YearMonth] = stride(from: 0, to: months.count, by: 5).map { months[$0] }

    @Test("WIN-1..3 property: Ws is the latest day giving twelve months of non-dead days or hours, clipped at the start")
    func windows() {
        var checked = 0
        for p in Self.persons() {
            for m in Self.sampleMonths {
                let t = PersonTimeline(p, month: m)
                for (s, e) in t.measuredSpells().spells {
                    let w = t.measurementWindow(s, e: e)
                    #expect(w.start >= s.start && w.start <= e && w.end == e)
                    let unit = t.unit(of: s)
                    let twelve = rules.twelve(unit)
                    if t.durValue(s, at: e) < twelve { #expect(w.start == s.start); continue }
                    checked += 1
                    if s.group == .ad {
                        #expect(t.hoursSum(s, from: w.start, to: e).roundedHundredths >= twelve)
                        if w.start < e { #expect(t.hoursSum(s, from: w.start + 1, to: e).roundedHundredths < twelve) }
                    } else {
                        let n = (e + 1) - (e + 1).addingMonths(-12)
                        func nonDead(_ a: Day) -> Int { (e - a + 1) - IntervalSet.dayCount(t.deadDays, in: a, e) }
                        #expect(nonDead(w.start) == n || (w.start == s.start && nonDead(w.start) < n))
                        #expect(nonDead(w.start + 1) < n)
                    }
                }
            }
        }
        #expect(checked > 0)
    }

    @Test("TALK/EXEMPT property: counted dates are distinct talk-type dates in the window, never on code 1/90 or DEAD-3 days; exempt persons have no count; shares in 0...1; one POP-7 row")
    func talksAndExemption() {
        var counted = 0, exempt = 0
        let never = rules.jobsamtaler.talksNeverCount
        for p in Self.persons() {
            let absent = p.fravaer.filter { $0.kode == "1" || $0.kode == "90" }
            for m in Self.sampleMonths {
                let out = JobsamtaleMeasurement.measure(p, month: m).persons
                // The short-cut before the timeline changes nothing.
                #expect(out == PersonTimeline(p, month: m).measureJobsamtaler(p).persons)
                if !out.isEmpty { #expect(out.filter(\.allGroups).count == 1) }
                for r in out {
                    #expect(r.exemption.exemptAmount >= 0 && r.exemption.exemptAmount <= r.exemption.windowAmount)
                    #expect(r.exemption.share >= 0 && r.exemption.share <= 1)
                    if r.isExempt {
                        exempt += 1
                        #expect(r.talks == nil && r.talkDates.isEmpty)
                        continue
                    }
                    #expect(r.talks == r.talkDates.count)
                    #expect(r.talkDates == Array(Set(r.talkDates)).sorted())
                    for d in r.talkDates {
                        counted += 1
                        #expect(d >= r.talkWindowStart && d <= r.duration.e)
                        #expect(!IntervalSet.contains(never, d))
                        #expect(!absent.contains { $0.fra <= d && d <= ($0.til ?? d) })
                        #expect(p.samtaler.contains { $0.dato == d && r.group.talkType($0.type) })
                    }
                }
            }
        }
        #expect(counted > 0 && exempt > 0)
    }

    @Test("TALK-1 property: the count is the distinct dates of the lines the explain listing marks as counting, and both give F1 (TALK-9)")
    func countMatchesListing() {
        var lines = 0, outside = 0, dead = 0, talk4 = 0
        // Talks also on fravær days (DEAD-3) and on days of other benefits (TALK-4).
        let persons = Self.persons().map { p in
            var q = p
            q.samtaler += p.fravaer.flatMap { f in [f.fra, f.fra + 5].map { SamtaleRow(dato: $0, type: .job) } }
            q.samtaler += p.ky.map { SamtaleRow(dato: $0.fra + 1, type: .job) }
            return q
        }
        for p in persons {
            for m in Self.sampleMonths {
                let t = PersonTimeline(p, month: m)
                for (s, e) in t.measuredSpells().spells {
                    let w = t.measurementWindow(s, e: e)
                    let anchor = t.talkAnchor(p, s, e: e)
                    let listing = t.talkVerdicts(p, s, window: w, anchor: anchor)
                    let count = t.countTalks(p, s, window: w, anchor: anchor)
                    #expect(listing.lines.count == p.samtaler.count)
                    #expect(count.dates == Array(Set(listing.lines.filter(\.counts).map(\.line.dato))).sorted())
                    #expect(count.firstTalk == listing.firstTalk)
                    lines += listing.lines.filter(\.counts).count
                    outside += listing.lines.filter { $0.rule == "WIN-1" || $0.rule == "WIN-4" || $0.rule == "TALK-10" }.count
                    dead += listing.lines.filter { $0.rule == "DEAD-3" }.count
                    talk4 += listing.lines.filter { $0.rule == "TALK-4" }.count
                }
            }
        }
        // Not vacuous: lines count, lie outside windows (which the count skips), fall on dead
        // days and on other benefits' days.
        #expect(lines > 0 && outside > 0 && dead > 0 && talk4 > 0, "\(lines) \(outside) \(dead) \(talk4)")
    }
}
