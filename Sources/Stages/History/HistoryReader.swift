import ColumnStore
import Domain

/// Reads the typed columns of one partition's source tables into ``PersonHistory`` values:
/// one small reader per source, each built only when its table is present. Column buffers
/// are looked up once per partition; the per-row work is array indexing.
final class HistoryReader {
    /// Position of each present source in the co-group's row ranges.
    let slot: [String: Int]
    let person: PersonReader?, taeller: TaellerReader?, fleur: FleurReader?, ky: KyReader?, ksd: KsdReader?
    let fravaer: FravaerReader?, maalgruppe: MaalgruppeReader?, bopael: BopaelReader?, forsoeg: ForsoegReader?
    let samtale: SamtaleReader?, tilbud: TilbudReader?, tilmelding: TilmeldingReader?, eindkomst: EindkomstReader?

    /// For histories as known at an earlier month: the version columns, and a reader of the
    /// superseded tables.
    let versions: VersionColumns.Set?
    let old: HistoryReader?

    /// ``slot`` as an array by source, for the per-person reads.
    let sourceSlots: SourceSlots

    init(present: [String], tables: [Table], versions: VersionColumns.Set? = nil) {
        var slot: [String: Int] = [:]
        for (i, name) in present.enumerated() { slot[name] = i }
        self.slot = slot
        sourceSlots = SourceSlots(slot)
        self.versions = versions
        old = versions.map { v in
            HistoryReader(present: v.supersededSources, tables: Array(tables[present.count...]))
        }
        func t(_ name: String) -> Table? { slot[name].map { tables[$0] } }
        person = t("person").map(PersonReader.init)
        taeller = t("taeller").map(TaellerReader.init)
        fleur = t("fleur").map(FleurReader.init)
        ky = t("ky").map(KyReader.init)
        ksd = t("ksd").map(KsdReader.init)
        fravaer = t("fravaer").map(FravaerReader.init)
        maalgruppe = t("maalgruppe").map(MaalgruppeReader.init)
        bopael = t("bopael").map(BopaelReader.init)
        forsoeg = t("forsoeg").map(ForsoegReader.init)
        samtale = t("samtale").map(SamtaleReader.init)
        tilbud = t("tilbud").map(TilbudReader.init)
        tilmelding = t("tilmelding").map(TilmeldingReader.init)
        eindkomst = t("eindkomst").map(EindkomstReader.init)
    }

    /// Whether one of the person's `ky`, `ksd` or paid FLEUR (types 01-05) rows, of any version,
    /// overlaps month `m`: false means ``Domain/PersonHistory/hasBenefitRecord(in:)`` is false for
    /// the person's history as known at any month.
    func mayHaveBenefit(rows r: [Range<Int>], in m: YearMonth) -> Bool {
        let a = m.first.rawValue, b = m.last.rawValue
        // Asked for every person (and month): typed slots, no source names hashed or compared.
        for source in Self.benefitSources {
            if let s = sourceSlots[source], mayHaveBenefit(source: source, rows: r[s], a: a, b: b) { return true }
        }
        if let versions, let old {
            for (source, s) in zip(versions.supersededKinds, versions.current.count...) {
                if let source, old.mayHaveBenefit(source: source, rows: r[s], a: a, b: b) { return true }
            }
        }
        return false
    }

    /// The sources whose rows are benefit days (``mayHaveBenefit(rows:in:)``).
    static let benefitSources: [SourceSlots.Source] = [.ky, .ksd, .fleur]

    /// Whether the person has a row of `source` (false when the source is not read).
    func hasRows(_ source: SourceSlots.Source, rows r: [Range<Int>]) -> Bool {
        sourceSlots[source].map { !r[$0].isEmpty } ?? false
    }

    /// Whether one of the person's dagpengeperioder (`taeller`) has its first day in `a...b`.
    func hasDagpengeperiode(startingIn a: Day, _ b: Day, rows r: [Range<Int>]) -> Bool {
        guard let s = sourceSlots[.taeller], let taeller else { return false }
        return r[s].contains { taeller.first.values[$0] >= a.rawValue && taeller.first.values[$0] <= b.rawValue }
    }

    /// ``mayHaveBenefit(rows:in:)`` for the rows `rows` of one source of this reader: a row
    /// overlapping the days `a...b` (a FLEUR row only with ydelsestype 01-05).
    private func mayHaveBenefit(source: SourceSlots.Source, rows: Range<Int>, a: Int32, b: Int32) -> Bool {
        guard !rows.isEmpty else { return false }
        switch source {
        case .ky: if let ky { return rows.contains { ky.fra.values[$0] <= b && ky.til.values[$0] >= a } }
        case .ksd: if let ksd { return rows.contains { ksd.start.values[$0] <= b && (ksd.slut.optional($0)?.rawValue ?? b) >= a } }
        case .fleur:
            if let fleur {
                return rows.contains { fleur.fra.values[$0] <= b && fleur.til.values[$0] >= a && (1...5).contains(fleur.type[$0]) }
            }
        default: break
        }
        return false
    }

    /// Which sources of a history ``history(pnr:rows:knownAt:part:)`` reads.
    enum HistoryPart {
        /// Every source of the reader.
        case all
        /// Only ``PersonHistoryAssembler/timelineSources``.
        case timeline
        /// Only the sources that are not ``PersonHistoryAssembler/timelineSources``.
        case beyondTimeline

        func reads(timelineSource: Bool) -> Bool {
            switch self {
            case .all: true
            case .timeline: timelineSource
            case .beyondTimeline: !timelineSource
            }
        }
    }

    /// The whole history of a person whose timeline sources were read into `timeline` (with
    /// `part: .timeline` and the same rows and month): only the other sources are read, and their
    /// lists (the fields of ``PersonHistory`` not read by ``Domain/PersonTimeline``) are set.
    func completing(_ timeline: PersonHistory, rows r: [Range<Int>], knownAt month: Int32?) -> PersonHistory {
        let rest = history(pnr: timeline.pnr, rows: r, knownAt: month, part: .beyondTimeline)
        var h = timeline
        h.forsoeg = rest.forsoeg
        h.samtaler = rest.samtaler
        h.tilbud = rest.tilbud
        h.tilmeldinger = rest.tilmeldinger
        h.eindkomst = rest.eindkomst
        return h
    }

    /// The history of one person from its row ranges; with `knownAt` (a month index before M),
    /// the history as known at that month (``PersonHistoryAssembler/mapMonths(_:threads:_:)``).
    /// `part` says which sources are read (the others are left empty).
    func history(pnr: Int64, rows r: [Range<Int>], knownAt month: Int32? = nil, part: HistoryPart = .all) -> PersonHistory {
        // `name` is looked up in `sourceSlots` (an array indexed by source), not hashed per person.
        // Each list is given room for all of the person's rows of the source at once (the
        // arrays grew by doubling, a copy at each step, for every person and source).
        func rows<T>(_ name: SourceSlots.Source, _ read: (Int) -> T?, old readOld: ((Int) -> T?)? = nil) -> [T] {
            guard let s = sourceSlots[name], part.reads(timelineSource: sourceSlots.isTimeline(name)), !r[s].isEmpty else { return [] }
            var out: [T] = []
            guard let month, let versions else {
                out.reserveCapacity(r[s].count)
                for i in r[s] { if let v = read(i) { out.append(v) } }
                return out
            }
            let cur = versions.current[s]
            let oldSlot = readOld == nil ? nil : versions.supersededSlot[s].flatMap { r[$0].isEmpty ? nil : $0 }
            guard let os = oldSlot, let readOld else {
                // No replaced versions of this person (most): the current rows known then, in order.
                out.reserveCapacity(r[s].count)
                for i in r[s] where cur.known(i, at: month) { if let v = read(i) { out.append(v) } }
                return out
            }
            let kept = r[s].filter { cur.known($0, at: month) }
            let was = versions.superseded[os - versions.current.count]
            let olds = r[os].filter { was.known($0, at: month) }
            if olds.isEmpty { return kept.compactMap(read) }
            // Both are in normalised order: merge them into the order of that month's table.
            out.reserveCapacity(kept.count + olds.count)
            var i = 0, j = 0
            while i < kept.count || j < olds.count {
                if j < olds.count, i == kept.count || was.precedes(olds[j], cur, kept[i]) {
                    if let v = readOld(olds[j]) { out.append(v) }
                    j += 1
                } else {
                    if let v = read(kept[i]) { out.append(v) }
                    i += 1
                }
            }
            return out
        }
        let o = old
        return PersonHistory(
            pnr: pnr,
            birthDate: person.flatMap { p in
                rows(.person, { p.birth[$0] }, old: o?.person.map { q in { q.birth[$0] } }).last
            },
            dagpengeperioder: taeller.map { t in rows(.taeller, t.row, old: o?.taeller?.row) } ?? [],
            fleur: fleur.map { f in rows(.fleur, f.row, old: o?.fleur?.row) } ?? [],
            ky: ky.map { k in rows(.ky, k.row, old: o?.ky?.row) } ?? [],
            ksd: ksd.map { k in rows(.ksd, k.row, old: o?.ksd?.row) } ?? [],
            fravaer: fravaer.map { f in rows(.fravaer, f.row, old: o?.fravaer?.row) } ?? [],
            maalgruppe: maalgruppe.map { m in rows(.maalgruppe, m.row, old: o?.maalgruppe?.row) } ?? [],
            bopael: bopael.map { b in rows(.bopael, b.row, old: o?.bopael?.row) } ?? [],
            forsoeg: forsoeg.map { f in rows(.forsoeg, f.row, old: o?.forsoeg?.row) } ?? [],
            samtaler: samtale.map { s in rows(.samtale, s.row, old: o?.samtale?.row) } ?? [],
            tilbud: tilbud.map { t in rows(.tilbud, t.row, old: o?.tilbud?.row) } ?? [],
            tilmeldinger: tilmelding.map { t in rows(.tilmelding, t.row, old: o?.tilmelding?.row) } ?? [],
            eindkomst: eindkomst.map { e in rows(.eindkomst, e.row, old: o?.eindkomst?.row) } ?? [])
    }
}

// The readers are final classes: a history reads through one reference per source instead of
// copying (and retaining) every column buffer of a struct per person. Code columns are decoded
// once per dictionary entry (`CodeCol.decoded`), so a row costs array reads, not string work.
