import ColumnStore
import Domain
import Foundation
import Pipeline
import YdelseIO

/// Brings each person's rows from the normalised source tables together as a
/// ``PersonHistory`` and runs a per-person computation partition-parallel.
///
/// The normalised tables are sorted by pnr, so a partition is a pnr range:
/// P - 1 split values (quantiles of the largest table's pnr) cut every table
/// into P contiguous row ranges, found by binary search; nothing is copied.
/// Partition p of every table is co-grouped on pnr (``CoGroup``) by one
/// worker. Results come back in partition order, that is in pnr order, so the
/// output is deterministic whatever the number of threads.
public struct PersonHistoryAssembler: Sendable {
    /// Every source a ``PersonHistory`` can be built from, in a fixed order.
    public static let sources = ["person", "taeller", "fleur", "ky", "ksd", "fravaer", "maalgruppe", "bopael", "forsoeg",
                                 "samtale", "tilbud", "tilmelding", "eindkomst"]

    /// The sources the spell and duration logic (``Domain/PersonTimeline``) reads.
    public static let timelineSources = ["person", "taeller", "fleur", "ky", "ksd", "fravaer", "maalgruppe", "bopael"]

    /// The sources present, in ``sources`` order.
    let present: [String]
    /// The normalised tables, in `present` order.
    let tables: [Table]
    /// `partitions[p][t]`: the rows of table t in partition p.
    let partitions: [[Range<Int>]]
    /// Told of every partition done (the stage's live progress line), if set.
    let progress: ProgressReporter?
    /// For reading histories as known at an earlier month (``mapMonths(_:threads:_:)``): the
    /// superseded versions and the delivery months; nil for the histories as known at M.
    let versions: VersionColumns.Set?

    /// `tables` maps some of ``sources`` to their normalised tables (sorted by pnr); a source
    /// that is absent leaves its part of every history empty, so a stage assembles only what
    /// it reads.
    public init(tables: [String: Table], partitions: Int, progress: ProgressReporter? = nil) {
        self.init(tables: tables, superseded: [:], deliveryMonths: nil, partitions: partitions, progress: progress)
    }

    /// The normalised tables of M (`current`) with, for keyed sources, their replaced versions
    /// (`superseded`: the normalise stage's `<source>_versioner`), to read histories as known at
    /// months before M with ``mapMonths(_:threads:_:)`` (CONV-3). `deliveryMonths[source][d]` is
    /// the month of delivery index d.
    init(current: [String: Table], superseded: [String: Table], deliveryMonths: [String: [YearMonth]],
         partitions: Int, progress: ProgressReporter? = nil) {
        self.init(tables: current, superseded: superseded, deliveryMonths: deliveryMonths, partitions: partitions, progress: progress)
    }

    private init(tables: [String: Table], superseded: [String: Table], deliveryMonths: [String: [YearMonth]]?,
                 partitions: Int, progress: ProgressReporter?) {
        self.progress = progress
        let unknown = tables.keys.filter { !Self.sources.contains($0) }
        precondition(unknown.isEmpty, "PersonHistoryAssembler has no reader for source(s) \(unknown.sorted())")
        let present = Self.sources.filter { tables[$0] != nil }
        let old = present.filter { superseded[$0] != nil }
        // Superseded tables follow the current ones in the co-group (slots present.count...).
        let ordered: [Table] = present.map { tables[$0]! } + old.map { superseded[$0]! }
        let keys = ordered.map { $0.column("pnr").int64Values }
        for (name, k) in zip(present + old, keys) {
            precondition(zip(k, k.dropFirst()).allSatisfy { $0 <= $1 }, "normalised table \(name) is not sorted by pnr")
        }
        // Split values: quantiles of the largest table's keys, strictly increasing.
        let largest = keys.max { $0.count < $1.count } ?? []
        var splits: [Int64] = []
        for p in 1..<max(1, partitions) where !largest.isEmpty {
            let v = largest[largest.count * p / partitions]
            if splits.last.map({ v > $0 }) ?? true { splits.append(v) }
        }
        let bounds: [[Int]] = keys.map { k in [0] + splits.map { SortedSearch.lowerBound(k, $0) } + [k.count] }
        self.present = present
        self.tables = ordered
        self.versions = deliveryMonths.map { months in
            VersionColumns.Set(present: present, superseded: old, tables: ordered, deliveryMonths: months)
        }
        self.partitions = (0...splits.count).map { p in bounds.map { $0[p]..<$0[p + 1] } }
    }

    /// Calls `body` for every person (in pnr order) on up to `threads` workers
    /// and returns each partition's accumulated results, in partition order.
    ///
    /// With `benefitIn`, only persons who may have a benefit record in that month are read: those
    /// with a `ky`, `ksd` or paid FLEUR (types 01-05) row overlapping it (the rows of
    /// ``Domain/PersonHistory/hasBenefitRecord(in:)``, checked on the columns before any history is
    /// built). A computation that yields nothing without such a record may skip the others.
    public func map<R: Sendable>(threads: Int = Parallel.width, benefitIn month: YearMonth? = nil,
                                 _ body: @escaping @Sendable (PersonHistory) -> R) -> [[R]] {
        var include: (@Sendable (HistoryReader, [Range<Int>]) -> Bool)?
        if let month { include = { reader, rows in reader.mayHaveBenefit(rows: rows, in: month) } }
        return map(threads: threads, where: include, body)
    }

    /// Calls `body` for every person for whom `include` (a check on the person's rows, made
    /// before any history is built) is true, or for every person when it is nil; see
    /// ``map(threads:benefitIn:_:)``.
    func map<R: Sendable>(threads: Int = Parallel.width, where include: (@Sendable (HistoryReader, [Range<Int>]) -> Bool)?,
                          _ body: @escaping @Sendable (PersonHistory) -> R) -> [[R]] {
        mapPersons(threads: threads) { p -> R? in
            if let include, !include(p.reader, p.rows) { return nil }
            return body(p.history())
        }.map { $0.compactMap { $0 } }
    }

    /// Calls `body` for every person (in pnr order) with the person's rows, read into a history
    /// only when `body` asks for it (``PersonRows/history()``); results per partition, in pnr
    /// order.
    func mapPersons<R: Sendable>(threads: Int = Parallel.width, _ body: @escaping @Sendable (PersonRows) -> R) -> [[R]] {
        let tables = self.tables, parts = partitions, present = self.present, progress = self.progress
        return Parallel.map(parts.count, threads: threads) { p in
            let reader = HistoryReader(present: present, tables: tables)
            var out: [R] = []
            for group in CoGroup(tables, key: "pnr", ranges: parts[p]) {
                out.append(body(PersonRows(pnr: group.key, rows: group.rows, reader: reader)))
            }
            progress?.advance(total: parts.count, unit: "partitions")
            return out
        }
    }

    /// Column `name` of every present source table, in slot order (the order of a
    /// ``PersonRows/rows``).
    func int32Columns(_ name: String) -> [[Int32]] {
        present.indices.map { tables[$0].column(name).int32Values }
    }

    /// The sources of the slots of ``PersonRows/rows``.
    var slotSources: [String] { present }

    /// Calls `body` for every person and every month of `months` (all before M), with the
    /// person's history as known at that month: the current rows delivered by then and the
    /// superseded versions known then, in the order a normalised table of that month has.
    /// One co-grouping pass for all the months. Results per partition, in pnr order.
    ///
    /// - Precondition: the assembler was made with ``init(current:superseded:deliveryMonths:partitions:progress:)``.
    /// With `include`, a (person, month) is read only when it holds for the person's rows and the
    /// month (a check on the columns, e.g. ``HistoryReader/mayHaveBenefit(rows:in:)``).
    func mapMonths<R: Sendable>(_ months: [YearMonth], threads: Int = Parallel.width,
                                where include: (@Sendable (HistoryReader, [Range<Int>], YearMonth) -> Bool)? = nil,
                                _ body: @escaping @Sendable (YearMonth, MonthHistory) -> R) -> [[R]] {
        guard let versions else { preconditionFailure("mapMonths needs the superseded versions") }
        let tables = self.tables, parts = partitions, present = self.present, progress = self.progress
        return Parallel.map(parts.count, threads: threads) { p in
            let reader = HistoryReader(present: present, tables: tables, versions: versions)
            var out: [R] = []
            for group in CoGroup(tables, key: "pnr", ranges: parts[p]) {
                for m in months where include?(reader, group.rows, m) ?? true {
                    let known = Int32(m.index)
                    let timeline = reader.history(pnr: group.key, rows: group.rows, knownAt: known, part: .timeline)
                    out.append(body(m, MonthHistory(timeline: timeline) {
                        reader.completing(timeline, rows: group.rows, knownAt: known)
                    }))
                }
            }
            progress?.advance(total: parts.count, unit: "partitions")
            return out
        }
    }
}

/// One person's rows in the assembler's tables (``PersonHistoryAssembler/mapPersons(threads:_:)``).
struct PersonRows {
    let pnr: Int64
    /// Per slot (``PersonHistoryAssembler/slotSources``), the person's rows of that table.
    let rows: [Range<Int>]
    let reader: HistoryReader
    /// The person's history from these rows.
    func history() -> PersonHistory { reader.history(pnr: pnr, rows: rows) }
}

/// A person's history as known at one month (``PersonHistoryAssembler/mapMonths(_:threads:onlyWithBenefit:_:)``),
/// read in two steps: the sources of ``Domain/PersonTimeline`` at once, the whole history only
/// when asked for (most person-months of the focus measure never need their talks).
struct MonthHistory {
    /// The history with only ``PersonHistoryAssembler/timelineSources`` read (the others empty).
    let timeline: PersonHistory
    /// Reads the whole history (every source of the assembler).
    let complete: () -> PersonHistory
}

/// What decides whether a row of a normalised table was known at an earlier month, and where
/// it goes among the other rows of its person then: its delivery's month (known from), for a
/// superseded version the month it was replaced in (`kendt_til`, known until), and the order key
/// of a normalised table (first date, then delivery order: `_delivery`, `_tie`).
struct VersionColumns: Sendable {
    let deliveryMonth: [Int32]
    let delivery: [Int32]
    let tie: [Int32]
    let date: [Int32]?
    /// Month index from which a superseded row is no longer known; nil for current rows.
    let until: [Int32]?

    init(_ t: Table, layout: SourceLayout, deliveryMonths: [YearMonth]) {
        deliveryMonth = deliveryMonths.map { Int32($0.index) }
        delivery = t.column("_delivery").int32Values
        tie = t.column(Normaliser.tie).int32Values
        date = Normaliser.sortDate(layout).map { t.column($0).int32Values }
        until = t.columns.first { $0.name == Normaliser.Superseded.replacedFrom }.map { c in
            c.int32Values.map { d in Int32(YearMonth(year: Day(rawValue: d).year, month: Day(rawValue: d).month).index) }
        }
    }

    @inline(__always) func known(_ r: Int, at month: Int32) -> Bool {
        deliveryMonth[Int(delivery[r])] <= month && (until.map { month < $0[r] } ?? true)
    }

    /// Whether row r comes before row s of `other` in a normalised table.
    @inline(__always) func precedes(_ r: Int, _ other: VersionColumns, _ s: Int) -> Bool {
        let a = date?[r] ?? 0, b = other.date?[s] ?? 0
        if a != b { return a < b }
        if delivery[r] != other.delivery[s] { return delivery[r] < other.delivery[s] }
        return tie[r] < other.tie[s]
    }

    /// The version columns of every slot of an assembler.
    struct Set: Sendable {
        /// Per current slot (the assembler's `present` order).
        let current: [VersionColumns]
        /// Per current slot, the co-group slot of its superseded table, if any.
        let supersededSlot: [Int?]
        /// Per superseded slot (co-group slot minus the number of current slots).
        let superseded: [VersionColumns]
        /// The sources of the superseded slots.
        let supersededSources: [String]
        /// The same as typed sources (nil: not one of ``SourceSlots/Source``).
        let supersededKinds: [SourceSlots.Source?]

        init(present: [String], superseded old: [String], tables: [Table], deliveryMonths: [String: [YearMonth]]) {
            func layout(_ name: String) -> SourceLayout { SourceCatalog.layout(named: name)! }
            current = present.enumerated().map { i, name in
                VersionColumns(tables[i], layout: layout(name), deliveryMonths: deliveryMonths[name] ?? [])
            }
            superseded = old.enumerated().map { j, name in
                VersionColumns(tables[present.count + j], layout: layout(name), deliveryMonths: deliveryMonths[name] ?? [])
            }
            supersededSlot = present.map { name in old.firstIndex(of: name).map { present.count + $0 } }
            supersededSources = old
            supersededKinds = old.map { name in SourceSlots.Source.allCases.first { $0.name == name } }
        }
    }
}

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

final class PersonReader {
    let birth: DayCol
    init(_ t: Table) { birth = DayCol(t, "foedselsdato") }
}

final class TaellerReader {
    let id: TextCol, first: DayCol, last: DayCol, fors: Decoded<Forsikring?>
    init(_ t: Table) {
        id = TextCol(t, "periode_id"); first = DayCol(t, "foerste_dag"); last = DayCol(t, "sidste_dag")
        fors = CodeCol(t, "forsikring").decoded { Forsikring(code: $0) }
    }
    func row(_ i: Int) -> DagpengePeriodeRow? {
        guard let f = fors[i] else { return nil }
        return DagpengePeriodeRow(periodeId: id[i], foersteDag: first[i], sidsteDag: last.optional(i), forsikring: f)
    }
}

final class FleurReader {
    let akasse: CodeCol, fra: DayCol, til: DayCol, type: Decoded<UInt8>, timer: [Int32], fradrag: [Int32]
    let fors: Decoded<Forsikring>, kommune: CodeCol, reversal: Decoded<Bool>
    init(_ f: Table) {
        akasse = CodeCol(f, "akasse"); fra = DayCol(f, "periode_fra"); til = DayCol(f, "periode_til")
        type = CodeCol(f, "ydelsestype").decoded { FleurRecord.typeCode($0) ?? 0 }
        timer = f.column("timer").int32Values; fradrag = f.column("fradragstimer").int32Values
        fors = CodeCol(f, "forsikring").decoded { Forsikring(code: $0) ?? .fullTime }
        kommune = CodeCol(f, "kommune"); reversal = CodeCol(f, "fortegn").decoded { $0 == "-" }
    }
    func row(_ i: Int) -> FleurRecord? {
        FleurRecord(akasse: akasse[i], periodeFra: fra[i], periodeTil: til[i], ydelsestype: type[i],
                    timer: Int64(timer[i]), fradragstimer: Int64(fradrag[i]), forsikring: fors[i],
                    kommune: kommune[i], isReversal: reversal[i])
    }
}

final class KyReader {
    let ydelse: Decoded<KyYdelse?>, sats: Decoded<KHSats?>, fra: DayCol, til: DayCol, kommune: CodeCol, lt: Decoded<Bool>
    /// ``TwelveMonthWindow/family(_:)`` of the line's group, -1 for none (read per person and month).
    let twelveFamily: Decoded<Int8>
    init(_ k: Table) {
        ydelse = CodeCol(k, "ydelse").decoded { KyYdelse(code: $0) }
        twelveFamily = CodeCol(k, "ydelse").decoded { code in
            KyYdelse(code: code).flatMap(BenefitGroup.init(ky:)).flatMap(TwelveMonthWindow.family).map(Int8.init) ?? -1
        }
        sats = CodeCol(k, "sats").decoded { KHSats(code: $0) }
        fra = DayCol(k, "fra"); til = DayCol(k, "til")
        kommune = CodeCol(k, "kommune"); lt = CodeCol(k, "loentilskud").decoded { $0 == "J" }
    }
    func row(_ i: Int) -> KyLine? {
        guard let y = ydelse[i] else { return nil }
        return KyLine(ydelse: y, sats: sats.optional(i) ?? nil, fra: fra[i], til: til[i], kommune: kommune[i], loentilskud: lt[i])
    }
}

final class KsdReader {
    let id: TextCol, start: DayCol, slut: DayCol, kommune: CodeCol
    init(_ t: Table) { id = TextCol(t, "forloeb_id"); start = DayCol(t, "start"); slut = DayCol(t, "slut"); kommune = CodeCol(t, "kommune") }
    func row(_ i: Int) -> KsdRow? { KsdRow(forloebId: id[i], start: start[i], slut: slut.optional(i), kommune: kommune[i]) }
}

final class FravaerReader {
    let kode: CodeCol, fra: DayCol, til: DayCol
    init(_ t: Table) { kode = CodeCol(t, "kode"); fra = DayCol(t, "fra"); til = DayCol(t, "til") }
    func row(_ i: Int) -> FravaerRow? { FravaerRow(kode: kode[i], fra: fra[i], til: til.optional(i)) }
}

final class MaalgruppeReader {
    let fra: DayCol, til: DayCol, gruppe: Decoded<Int>, visitation: CodeCol
    init(_ t: Table) {
        fra = DayCol(t, "fra"); til = DayCol(t, "til"); gruppe = CodeCol(t, "kontaktgruppe").decoded { Int($0) ?? 0 }
        visitation = CodeCol(t, "visitation")
    }
    func row(_ i: Int) -> MaalgruppeRow? {
        MaalgruppeRow(fra: fra[i], til: til.optional(i), kontaktgruppe: gruppe[i], visitation: visitation.optional(i))
    }
}

final class BopaelReader {
    let kommune: CodeCol, fra: DayCol, til: DayCol
    init(_ t: Table) { kommune = CodeCol(t, "kommune"); fra = DayCol(t, "fra"); til = DayCol(t, "til") }
    func row(_ i: Int) -> BopaelRow? { BopaelRow(kommune: kommune[i], fra: fra[i], til: til.optional(i)) }
}

final class ForsoegReader {
    let id: TextCol, akasse: CodeCol, kommune: CodeCol, visit: DayCol, end: DayCol, aarsag: CodeCol, fors: Decoded<Forsikring?>
    init(_ o: Table) {
        id = TextCol(o, "forloeb_id"); akasse = CodeCol(o, "akasse"); kommune = CodeCol(o, "kommune")
        visit = DayCol(o, "visitationsdato"); end = DayCol(o, "afslutningsdato"); aarsag = CodeCol(o, "aarsag")
        fors = CodeCol(o, "forsikring").decoded { Forsikring(code: $0) }
    }
    func row(_ i: Int) -> ForsoegRow? {
        guard let f = fors[i] else { return nil }
        return ForsoegRow(forloebId: id[i], akasse: akasse[i], kommune: kommune[i], visitationsdato: visit[i],
                          afslutningsdato: end.optional(i), aarsag: aarsag.optional(i), forsikring: f)
    }
}

final class SamtaleReader {
    let id: TextCol, dato: DayCol, type: Decoded<SamtaleRow.Kind?>, form: Decoded<SamtaleRow.Kontaktform?>
    let afholder: Decoded<SamtaleRow.Afholder?>, individuel: Decoded<Bool>, kommune: CodeCol, akasse: Decoded<String?>
    init(_ t: Table) {
        id = TextCol(t, "samtale_id"); dato = DayCol(t, "dato")
        type = CodeCol(t, "type").decoded { SamtaleRow.Kind(rawValue: $0) }
        form = CodeCol(t, "kontaktform").decoded { SamtaleRow.Kontaktform(rawValue: $0) }
        afholder = CodeCol(t, "afholder").decoded { SamtaleRow.Afholder(rawValue: $0) }
        individuel = CodeCol(t, "individuel").decoded { $0 == "J" }
        kommune = CodeCol(t, "kommune")
        akasse = CodeCol(t, "akasse").decoded { $0.isEmpty ? nil : $0 }
    }
    func row(_ i: Int) -> SamtaleRow? {
        guard let k = type[i], let f = form[i], let a = afholder[i] else { return nil }
        return SamtaleRow(samtaleId: id[i], dato: dato[i], type: k, kontaktform: f, afholder: a, individuel: individuel[i],
                          kommune: kommune[i], akasse: akasse.optional(i) ?? nil)
    }
}

final class TilbudReader {
    let id: TextCol, kategori: Decoded<TilbudRow.Kategori?>, fra: DayCol, til: DayCol, kommune: CodeCol, akasse: Decoded<String?>
    init(_ t: Table) {
        id = TextCol(t, "tilbud_id"); kategori = CodeCol(t, "kategori").decoded { TilbudRow.Kategori(rawValue: $0) }
        fra = DayCol(t, "fra"); til = DayCol(t, "til")
        kommune = CodeCol(t, "kommune"); akasse = CodeCol(t, "akasse").decoded { $0.isEmpty ? nil : $0 }
    }
    func row(_ i: Int) -> TilbudRow? {
        guard let k = kategori[i] else { return nil }
        return TilbudRow(tilbudId: id[i], kategori: k, fra: fra[i], til: til.optional(i), kommune: kommune[i],
                         akasse: akasse.optional(i) ?? nil)
    }
}

final class TilmeldingReader {
    let dato: DayCol
    init(_ t: Table) { dato = DayCol(t, "dato") }
    func row(_ i: Int) -> Day? { dato[i] }
}

final class EindkomstReader {
    let maaned: DayCol, timer: [Int32]
    init(_ t: Table) { maaned = DayCol(t, "maaned"); timer = t.column("loentimer").int32Values }
    func row(_ i: Int) -> EindkomstRow? {
        let d = maaned[i]
        return EindkomstRow(maaned: YearMonth(year: d.year, month: d.month), loentimer: Int64(timer[i]))
    }
}

/// A date32 column's buffers.
struct DayCol {
    let values: [Int32]
    let validity: Validity?
    init(_ t: Table, _ name: String) {
        let c = t.column(name)
        values = c.dateValues
        validity = c.validity
    }
    subscript(i: Int) -> Day { Day(rawValue: values[i]) }
    func optional(_ i: Int) -> Day? { validity.map { $0[i] } ?? true ? Day(rawValue: values[i]) : nil }
}

/// A dictionary column's buffers.
struct CodeCol {
    let indices: [DictionaryStorage.Index]
    let values: [String]
    let validity: Validity?
    init(_ t: Table, _ name: String) {
        let c = t.column(name)
        indices = c.dictionary.indices
        values = c.dictionary.values
        validity = c.validity
    }
    subscript(i: Int) -> String { values[Int(indices[i])] }
    func optional(_ i: Int) -> String? { validity.map { $0[i] } ?? true ? values[Int(indices[i])] : nil }

    /// The column with `decode` applied once to each dictionary value.
    func decoded<T>(_ decode: (String) -> T) -> Decoded<T> {
        Decoded(indices: indices, values: values.map(decode), validity: validity)
    }
}

/// A dictionary column whose values were decoded once (``CodeCol/decoded(_:)``).
struct Decoded<T> {
    let indices: [DictionaryStorage.Index]
    let values: [T]
    let validity: Validity?
    subscript(i: Int) -> T { values[Int(indices[i])] }
    func optional(_ i: Int) -> T? { validity.map { $0[i] } ?? true ? values[Int(indices[i])] : nil }
}

/// A utf8 column's buffers.
struct TextCol {
    let storage: StringStorage
    init(_ t: Table, _ name: String) { storage = t.column(name).strings }
    subscript(i: Int) -> String { storage[i] }
}

/// The slot of each source a ``HistoryReader`` reads (its position in a person's row ranges),
/// indexed by source: the per-person history build looks slots up here instead of hashing source
/// names.
struct SourceSlots {
    /// The sources of ``PersonHistoryAssembler/sources``.
    enum Source: Int, CaseIterable {
        case person, taeller, fleur, ky, ksd, fravaer, maalgruppe, bopael, forsoeg, samtale, tilbud, tilmelding, eindkomst

        var name: String { "\(self)" }
    }

    private let slots: [Int?]
    private let timeline: [Bool]

    init(_ slot: [String: Int]) {
        slots = Source.allCases.map { slot[$0.name] }
        let t = Set(PersonHistoryAssembler.timelineSources)
        timeline = Source.allCases.map { t.contains($0.name) }
    }

    /// The slot of `source`, or nil when the reader does not read it.
    subscript(source: Source) -> Int? { slots[source.rawValue] }

    /// Whether `source` is one of ``PersonHistoryAssembler/timelineSources``.
    func isTimeline(_ source: Source) -> Bool { timeline[source.rawValue] }
}
