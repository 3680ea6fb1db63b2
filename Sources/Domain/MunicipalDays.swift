import ColumnStore
import ReferenceData

/// One person's benefit days by municipal group at last(M), with the other benefits of each
/// group (SPELL-4), and the steps that build municipal spells from them: SPELL-3 (raw spells),
/// SPELL-5 (SHO joined to KH/UH) and SPELL-7 (KH continuing UH/SHO across the conversion day).
/// Made once per person and month by ``PersonTimeline/municipalSpells(_:last:rules:adAll:sdpAll:)``.
struct MunicipalDays {
    /// The normalised days of each municipal group present.
    let days: GroupTable<[DayInterval]>
    /// The groups with days, in `GroupTable` order.
    let present: [BenefitGroup]
    /// Days of another benefit for every group: AD, SDP, SHOP and FTP.
    let base: [DayInterval]
    /// SPELL-4 (+ addendum): the other benefits of each present group, normalised: `base` and
    /// the days of every other municipal group. SPELL-5 addendum 2: the SHO exception runs one
    /// way, so SHO days are another benefit for KH/UH too (KH/UH followed by SHO is a
    /// ydelsesskift); an SHO spell before a KH/UH spell is joined to it by ``joinSHOSpells(_:rules:)``.
    let others: GroupTable<[DayInterval]>

    /// `pieces`: the person's `ky` pieces (``PersonTimeline/kyPieces(_:last:rules:)``);
    /// `adAll`, `sdpAll`: the AD and SDP days, normalised.
    init(pieces: [KyPiece], adAll: [DayInterval], sdpAll: [DayInterval]) {
        var daysBy = GroupTable<[DayInterval]>()
        var otherOnly: [DayInterval] = []
        for p in pieces {
            if let g = p.group { daysBy[g, default: []].append(DayInterval(p.from, p.to)) } else { otherOnly.append(DayInterval(p.from, p.to)) }
        }
        let present = daysBy.groups
        for g in present { daysBy[g] = IntervalSet.normalize(daysBy[g]!) }
        // adAll and sdpAll come normalised: with one of them alone the base needs no merging.
        base = otherOnly.isEmpty && sdpAll.isEmpty ? adAll
            : otherOnly.isEmpty && adAll.isEmpty ? sdpAll : IntervalSet.normalize(adAll + sdpAll + otherOnly)
        days = daysBy
        self.present = present
        var others = GroupTable<[DayInterval]>()
        for g in present { others[g] = Self.otherDays(of: g, base: base, days: daysBy, present: present) }
        self.others = others
    }

    /// `base` and the days of the present groups other than `g` and those in `excluded`.
    static func otherDays(of g: BenefitGroup, excluding excluded: [BenefitGroup] = [], base: [DayInterval],
                          days: GroupTable<[DayInterval]>, present: [BenefitGroup]) -> [DayInterval] {
        var all = base, added = false
        for g2 in present where g2 != g && !excluded.contains(g2) { all += days[g2]!; added = true }
        return added ? IntervalSet.normalize(all) : base
    }

    /// SPELL-3: the raw spells of each municipal group. A spell goes on over a gap in its
    /// group's days unless a whole calendar month lies between (b) or another benefit of the
    /// group falls in the gap (c).
    func rawSpells() -> [MSpell] {
        var spells: [MSpell] = []
        for g in BenefitGroup.allCases where g.isMunicipal {
            guard let groupDays = days[g], let other = others[g] else { continue }
            var cur: MSpell?
            for iv in groupDays {
                if cur != nil {
                    let p = cur!.lastDay
                    if PersonTimeline.wholeMonthBetween(p, iv.from) || IntervalSet.intersects(other, p + 1, iv.from - 1) {
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
        return spells
    }

    /// SPELL-5 (+ addendum): an SHO spell immediately before a KH/UH spell (adjacent,
    /// overlapping, or continued under SPELL-3) joins it: the KH/UH spell starts at the SHO
    /// spell's start and the SHO spell is removed. Each SHO spell is absorbed once, by the first
    /// KH/UH spell after it, and not after the rule's last day.
    func joinSHOSpells(_ spells: inout [MSpell], rules: DomainRules) {
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
                immediate = !PersonTimeline.wholeMonthBetween(sLast, q)
                    && !IntervalSet.intersects(others[g] ?? [], sLast + 1, q - 1)
            }
            if immediate {
                spells[ti].start = min(spells[ti].start, sStart)
                spells[si].removed = true
            }
        }
    }

    /// SPELL-7 (+ addendum): the first KH spell starting on or after the conversion day
    /// continues the latest UH/SHO spell before it if it would continue it under SPELL-3 (with
    /// UH and SHO not counted as other benefits). The continued spell is removed and returned in
    /// the archive (SPELL-8 may end it after all), which the KH spell's `predecessor` points into.
    func continueAcrossConversion(_ spells: inout [MSpell], rules: DomainRules) -> [MSpell] {
        var archive: [MSpell] = []
        var firstKH: Int?
        for i in spells.indices where spells[i].group == .kh && !spells[i].removed && spells[i].firstDay >= rules.conversionFrom {
            if firstKH == nil || spells[i].firstDay < spells[firstKH!].firstDay { firstKH = i }
        }
        guard let ki = firstKH else { return archive }
        let k = spells[ki].firstDay
        var latest: Int?
        for i in spells.indices where (spells[i].group == .uh || spells[i].group == .sho) && !spells[i].removed && spells[i].lastDay < k {
            if latest == nil || spells[latest!].lastDay < spells[i].lastDay { latest = i }   // the first latest, as max(by:)
        }
        guard let pi = latest else { return archive }
        let p = spells[pi].lastDay
        let family = Self.otherDays(of: .kh, excluding: [.uh, .sho], base: base, days: days, present: present)
        if !PersonTimeline.wholeMonthBetween(p, k) && !IntervalSet.intersects(family, p + 1, k - 1) {
            archive.append(spells[pi])
            spells[pi].removed = true
            spells[ki].start = min(spells[ki].start, spells[pi].start)
            spells[ki].predecessor = archive.count - 1
        }
        return archive
    }
}
