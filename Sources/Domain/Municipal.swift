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

    /// The municipal spells of `h` at last(M) (`last`), step by step as RULES.md names them:
    /// the `ky` lines cut to last(M) (CONV-10, SPELL-6, SPELL-7's conversion of UH/SHO days),
    /// raw spells per group (SPELL-3, SPELL-4's other benefits), SHO spells joined to the KH/UH
    /// spell after them (SPELL-5), the first KH spell after the conversion day continuing a
    /// UH/SHO spell (SPELL-7), kontaktgruppe shifts splitting KH spells (SPELL-8), and their
    /// end, kommune and sats (CONV-11, KOM-1/KOM-2). `adAll` and `sdpAll`: the person's AD and
    /// SDP days, normalised (other benefits for every municipal group).
    static func municipalSpells(_ h: PersonHistory, last: Day, rules: DomainRules,
                                adAll: [DayInterval], sdpAll: [DayInterval]) -> [Spell] {
        let pieces = kyPieces(h.ky, last: last, rules: rules)
        if pieces.allSatisfy({ $0.group == nil }) { return [] }
        let days = MunicipalDays(pieces: pieces, adAll: adAll, sdpAll: sdpAll)
        var spells = days.rawSpells()
        days.joinSHOSpells(&spells, rules: rules)
        let archive = days.continueAcrossConversion(&spells, rules: rules)
        splitOnKontaktgruppe(&spells, archive: archive,
                             on: kontaktgruppeShifts(h.maalgruppe, last: last, from: rules.kontaktgruppeSplitFrom))
        return finished(spells, h, pieces: pieces, days: days, last: last)
    }

    /// The `ky` lines known by last(M), cut to it (CONV-10), as pieces of one group each: FREV
    /// counts as REV (SPELL-6), UH/SHO days from the conversion day on as KH (SPELL-7; a line
    /// across that day is two pieces), SKH left out (POP-2: a bi-ydelse, never measured, never
    /// a switch).
    static func kyPieces(_ ky: [KyLine], last: Day, rules: DomainRules) -> [KyPiece] {
        var pieces: [KyPiece] = []
        pieces.reserveCapacity(ky.count + 2)   // a line is one piece, two across the conversion day
        for i in ky.indices where ky[i].fra <= last && ky[i].fra <= ky[i].til {
            let fra = ky[i].fra, to = min(ky[i].til, last), ydelse = ky[i].ydelse, sats = ky[i].sats
            if ydelse == .skh { continue }
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
        return pieces
    }

    /// SPELL-8 (+ addendum): each kontaktgruppe 12→2 day d (`shifts`, ascending) inside a KH
    /// spell starts a new KH spell on d; the part before d, or the UH/SHO spell of `archive` the
    /// spell continued (SPELL-7) when nothing of it lies before d, ends by the split.
    static func splitOnKontaktgruppe(_ spells: inout [MSpell], archive: [MSpell], on shifts: [Day]) {
        guard !shifts.isEmpty else { return }
        var extra: [MSpell] = []
        for ti in spells.indices where spells[ti].group == .kh && !spells[ti].removed {
            var t = spells[ti]
            for d in shifts where d > t.start && d <= t.lastDay {
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

    /// The spells that are left, as ``Spell``s. A spell has ended by last(M) (CONV-11) when it
    /// was split off (SPELL-8), a later spell of its group exists, its last benefit day p lies
    /// before M (M is then a whole month without the group, SPELL-3 b), or another benefit of the
    /// group falls in p + 1...last(M) (a ydelsesskift, SPELL-3 c). Kommune at the end (KOM-1:
    /// residence, else KOM-2: the `ky` line covering p) and, for KH, the sats of that line (SPELL-7).
    static func finished(_ spells: [MSpell], _ h: PersonHistory, pieces: [KyPiece], days: MunicipalDays,
                         last: Day) -> [Spell] {
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
                || IntervalSet.intersects(days.others[s.group] ?? [], p + 1, last)
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
