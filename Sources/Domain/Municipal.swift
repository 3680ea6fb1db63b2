import ColumnStore
import ReferenceData

/// A `ky` line cut to last(M) (CONV-10) and tagged with the group its days belong to. Plain
/// values only (its kommune is read from the line, `order`, when needed): pieces are copied and
/// compared in loops of pieces times spells.
struct KyPiece {
    /// nil: SHOP or FTP (another benefit, never measured).
    var group: BenefitGroup?
    var from: Day
    var to: Day
    var sats: KHSats?
    /// The line's index in the person's `ky` rows.
    var order: Int
}

/// A municipal spell under construction.
struct MSpell {
    var group: BenefitGroup
    var start: Day
    var days: [DayInterval]
    /// SPELL-7: index into the predecessor archive of the UH/SHO spell this KH spell continues.
    var predecessor: Int?
    var endedBySplit = false
    var startedBySplit = false
    var removed = false

    var lastDay: Day { days[days.count - 1].to }
    var firstDay: Day { days[0].from }
}

extension PersonTimeline {
    /// `at least one whole calendar month lies strictly between p and d` (SPELL-3 (b)).
    @inlinable static func wholeMonthBetween(_ p: Day, _ d: Day) -> Bool {
        d.yearMonth.index - p.yearMonth.index >= 2
    }

    static func municipalSpells(_ h: PersonHistory, last: Day, rules: DomainRules,
                                adAll: [DayInterval], sdpAll: [DayInterval]) -> [Spell] {
        // Pieces (CONV-10, SPELL-6 FREV as REV, SPELL-7 conversion of UH/SHO days).
        var pieces: [KyPiece] = []
        pieces.reserveCapacity(h.ky.count + 2)   // a line is one piece, two across the conversion day
        for i in h.ky.indices where h.ky[i].fra <= last && h.ky[i].fra <= h.ky[i].til {
            let fra = h.ky[i].fra, to = min(h.ky[i].til, last), ydelse = h.ky[i].ydelse, sats = h.ky[i].sats
            if ydelse == .skh { continue }  // POP-2: bi-ydelse, never measured, never a switch
            let g = BenefitGroup(ky: ydelse)
            if (g == .uh || g == .sho), to >= rules.conversionFrom {
                if fra < rules.conversionFrom {
                    pieces.append(KyPiece(group: g, from: fra, to: rules.conversionFrom - 1, sats: sats, order: i))
                }
                pieces.append(KyPiece(group: .kh, from: max(fra, rules.conversionFrom), to: to, sats: sats, order: i))
            } else {
                pieces.append(KyPiece(group: g, from: fra, to: to, sats: sats, order: i))
            }
        }
        if pieces.allSatisfy({ $0.group == nil }) { return [] }

        var daysBy = GroupTable<[DayInterval]>()
        var otherOnly: [DayInterval] = []
        for p in pieces {
            if let g = p.group { daysBy[g, default: []].append(DayInterval(p.from, p.to)) } else { otherOnly.append(DayInterval(p.from, p.to)) }
        }
        let present = daysBy.groups
        for g in present { daysBy[g] = IntervalSet.normalize(daysBy[g]!) }
        // adAll and sdpAll come normalised: with one of them alone the base needs no merging.
        let base = otherOnly.isEmpty && sdpAll.isEmpty ? adAll
            : otherOnly.isEmpty && adAll.isEmpty ? sdpAll : IntervalSet.normalize(adAll + sdpAll + otherOnly)

        // SPELL-4 (+ addendum): the other benefits for G. SPELL-5 addendum 2: the SHO exception
        // runs one way, so SHO days are another benefit for KH/UH too (KH/UH followed by SHO is
        // a ydelsesskift); an SHO spell before a KH/UH spell is joined to it below.
        func otherSet(_ g: BenefitGroup, excluding ex: [BenefitGroup] = []) -> [DayInterval] {
            var all = base, added = false
            for g2 in present where g2 != g && !ex.contains(g2) { all += daysBy[g2]!; added = true }
            return added ? IntervalSet.normalize(all) : base
        }
        var others = GroupTable<[DayInterval]>()
        for g in present { others[g] = otherSet(g) }

        // SPELL-3: raw spells per group.
        var spells: [MSpell] = []
        for g in BenefitGroup.allCases where g.isMunicipal {
            guard let days = daysBy[g], let other = others[g] else { continue }
            var cur: MSpell?
            for iv in days {
                if cur != nil {
                    let p = cur!.lastDay
                    if wholeMonthBetween(p, iv.from) || IntervalSet.intersects(other, p + 1, iv.from - 1) {
                        spells.append(cur!)
                        cur = MSpell(group: g, start: iv.from, days: [iv])
                    } else {
                        cur!.days.append(iv)   // in place: a copy of `cur` would copy its days
                    }
                } else {
                    cur = MSpell(group: g, start: iv.from, days: [iv])
                }
            }
            if let c = cur { spells.append(c) }
        }

        // SPELL-5 (+ addendum): an SHO spell immediately before a KH/UH spell joins it;
        // each SHO spell is absorbed once, by the first KH/UH spell after it.
        for si in spells.indices where spells[si].group == .sho {
            let sStart = spells[si].start, sLast = spells[si].lastDay
            if let until = rules.shoAbsorptionUntil, sLast > until { continue }
            var best: (idx: Int, q: Day)?
            for ti in spells.indices where (spells[ti].group == .kh || spells[ti].group == .uh) && !spells[ti].removed {
                let tLast = spells[ti].lastDay
                guard tLast >= sStart, let q = IntervalSet.firstDay(spells[ti].days, in: sStart, tLast) else { continue }
                if best == nil || q < best!.q { best = (ti, q) }
            }
            guard let (ti, q) = best else { continue }
            if let until = rules.shoAbsorptionUntil, q > until { continue }
            let immediate: Bool
            if q <= sLast {
                immediate = true   // adjacent or overlapping
            } else {
                let g = spells[ti].group
                immediate = !wholeMonthBetween(sLast, q)
                    && !IntervalSet.intersects(others[g] ?? [], sLast + 1, q - 1)
            }
            if immediate {
                spells[ti].start = min(spells[ti].start, sStart)
                spells[si].removed = true
            }
        }

        // SPELL-7 (+ addendum): the first KH spell starting on or after the conversion day
        // continues the latest UH/SHO spell if it would continue it under SPELL-3.
        var archive: [MSpell] = []
        var firstKH: Int?
        for i in spells.indices where spells[i].group == .kh && !spells[i].removed && spells[i].firstDay >= rules.conversionFrom {
            if firstKH == nil || spells[i].firstDay < spells[firstKH!].firstDay { firstKH = i }
        }
        if let ki = firstKH {
            let k = spells[ki].firstDay
            var latest: Int?
            for i in spells.indices where (spells[i].group == .uh || spells[i].group == .sho) && !spells[i].removed && spells[i].lastDay < k {
                if latest == nil || spells[latest!].lastDay < spells[i].lastDay { latest = i }   // the first latest, as max(by:)
            }
            if let pi = latest {
                let p = spells[pi].lastDay
                let family = otherSet(.kh, excluding: [.uh, .sho])
                if !wholeMonthBetween(p, k) && !IntervalSet.intersects(family, p + 1, k - 1) {
                    archive.append(spells[pi])
                    spells[pi].removed = true
                    spells[ki].start = min(spells[ki].start, spells[pi].start)
                    spells[ki].predecessor = archive.count - 1
                }
            }
        }

        // SPELL-8 (+ addendum): kontaktgruppe 12→2 on d >= the SPELL-8 day starts a new KH spell.
        let splitDays = kontaktgruppeShifts(h.maalgruppe, last: last, from: rules.kontaktgruppeSplitFrom)
        if !splitDays.isEmpty {
            var extra: [MSpell] = []
            for ti in spells.indices where spells[ti].group == .kh && !spells[ti].removed {
                var t = spells[ti]
                for d in splitDays where d > t.start && d <= t.lastDay {
                    let before = IntervalSet.clip(t.days, t.start, d - 1)
                    if before.isEmpty {
                        if let pi = t.predecessor {
                            var p = archive[pi]
                            p.endedBySplit = true
                            extra.append(p)
                        }
                    } else {
                        var b = t
                        b.days = before
                        b.endedBySplit = true
                        extra.append(b)
                    }
                    t = MSpell(group: .kh, start: d, days: IntervalSet.clip(t.days, d, t.lastDay), predecessor: nil,
                               endedBySplit: false, startedBySplit: true)
                }
                spells[ti] = t
            }
            spells += extra
        }

        // CONV-11 slut, KOM-1/KOM-2 kommune, SPELL-7 sats.
        let live = spells.filter { !$0.removed }
        var result: [Spell] = []
        result.reserveCapacity(live.count)
        // (The other spells and the pieces are read by index in this loop of spells times pieces,
        // not copied out: a spell copied is its day list retained.)
        for s in live {
            let p = s.lastDay, group = s.group, start = s.start
            let laterExists = live.indices.contains { live[$0].group == group && live[$0].start > start }
            // CONV-11: by last(M) a whole calendar month without G has passed since p when
            // p lies before M (M itself is then such a month), so SPELL-3 (b) breaks any later payment.
            let ended = s.endedBySplit || laterExists || p.yearMonth < last.yearMonth
                || IntervalSet.intersects(others[s.group] ?? [], p + 1, last)
            var c: Int?
            for i in pieces.indices where pieces[i].group == group && pieces[i].from <= p && p <= pieces[i].to {
                if let b = c, (pieces[i].from, pieces[i].order) <= (pieces[b].from, pieces[b].order) { continue }
                c = i
            }
            let covering = c.map { pieces[$0] }
            let k = ended ? p : last
            let kommune = residence(h.bopael, on: k) ?? covering.flatMap { h.ky[$0.order].kommune.isEmpty ? nil : h.ky[$0.order].kommune }
            result.append(Spell(pnr: h.pnr, group: s.group, start: s.start, slut: ended ? p : nil, lastBenefitDay: p,
                                sats: s.group == .kh ? covering?.sats : nil, kommuneUltimo: kommune, forsikring: nil,
                                periodeId: nil, periodEnd: nil, benefitDays: s.days,
                                endedByKontaktgruppe: s.endedBySplit, startedByKontaktgruppe: s.startedBySplit))
        }
        return result
    }

    /// SPELL-8: days d >= `from` (known by last(M)) on which a kontaktgruppe-2 period starts and the
    /// period covering d − 1 (latest `fra`) has kontaktgruppe 12.
    static func kontaktgruppeShifts(_ rows: [MaalgruppeRow], last: Day, from: Day) -> [Day] {
        guard rows.contains(where: { $0.kontaktgruppe == 2 && $0.fra >= from && $0.fra <= last }) else { return [] }
        let known = rows.filter { $0.fra <= last }
        var out: [Day] = []
        for r in known where r.kontaktgruppe == 2 && r.fra >= from {
            let d = r.fra, prev = d - 1
            var cover: MaalgruppeRow?
            for c in known where c.fra <= prev && prev <= (c.til ?? prev) {
                if cover == nil || c.fra > cover!.fra { cover = c }
            }
            if cover?.kontaktgruppe == 12 { out.append(d) }
        }
        return Array(Set(out)).sorted()
    }
}
