import ColumnStore
import Domain
import Foundation

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
    /// The sources a person's history is built from.
    public static let sources = ["person", "taeller", "fleur", "ky", "ksd", "fravaer", "maalgruppe", "bopael", "forsoeg"]

    /// The normalised tables, in ``sources`` order.
    let tables: [Table]
    /// `partitions[p][t]`: the rows of table t in partition p.
    let partitions: [[Range<Int>]]

    /// `tables` maps each of ``sources`` to its normalised table (sorted by pnr).
    public init(tables: [String: Table], partitions: Int) {
        let ordered: [Table] = Self.sources.map { name in
            guard let t = tables[name] else { preconditionFailure("missing normalised table \(name)") }
            return t
        }
        let keys = ordered.map { $0.column("pnr").int64Values }
        for (name, k) in zip(Self.sources, keys) {
            precondition(zip(k, k.dropFirst()).allSatisfy { $0 <= $1 }, "normalised table \(name) is not sorted by pnr")
        }
        // Split values: quantiles of the largest table's keys, strictly increasing.
        let largest = keys.max { $0.count < $1.count } ?? []
        var splits: [Int64] = []
        for p in 1..<max(1, partitions) where !largest.isEmpty {
            let v = largest[largest.count * p / partitions]
            if splits.last.map({ v > $0 }) ?? true { splits.append(v) }
        }
        let bounds: [[Int]] = keys.map { k in [0] + splits.map { lowerBound(k, $0) } + [k.count] }
        self.tables = ordered
        self.partitions = (0...splits.count).map { p in bounds.map { $0[p]..<$0[p + 1] } }
    }

    /// Calls `body` for every person (in pnr order) on up to `threads` workers
    /// and returns each partition's accumulated results, in partition order.
    public func map<R: Sendable>(threads: Int = Parallel.width, _ body: @escaping @Sendable (PersonHistory) -> R) -> [[R]] {
        let tables = self.tables, parts = partitions
        return Parallel.map(parts.count, threads: threads) { p in
            let reader = HistoryReader(tables)
            var out: [R] = []
            for group in CoGroup(tables, key: "pnr", ranges: parts[p]) {
                out.append(body(reader.history(pnr: group.key, rows: group.rows)))
            }
            return out
        }
    }
}

/// The first index of sorted `keys` whose value is not below `value`.
private func lowerBound(_ keys: [Int64], _ value: Int64) -> Int {
    var lo = 0, hi = keys.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if keys[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// Reads the typed columns of one partition's source tables into ``PersonHistory`` values.
/// Column buffers are looked up once per partition; the per-row work is array indexing.
struct HistoryReader {
    // person
    let birth: DayCol
    // taeller
    let tId: TextCol, tFirst: DayCol, tLast: DayCol, tFors: CodeCol
    // fleur
    let fAkasse: CodeCol, fFra: DayCol, fTil: DayCol, fType: CodeCol, fTimer: [Int64], fFradrag: [Int64], fFors: CodeCol, fKommune: CodeCol, fSign: CodeCol
    // ky
    let kYdelse: CodeCol, kSats: CodeCol, kFra: DayCol, kTil: DayCol, kKommune: CodeCol, kLt: CodeCol
    // ksd
    let sId: TextCol, sStart: DayCol, sSlut: DayCol, sKommune: CodeCol
    // fravaer
    let aKode: CodeCol, aFra: DayCol, aTil: DayCol
    // maalgruppe
    let mFra: DayCol, mTil: DayCol, mGruppe: CodeCol, mVisitation: CodeCol
    // bopael
    let bKommune: CodeCol, bFra: DayCol, bTil: DayCol
    // forsoeg
    let oId: TextCol, oAkasse: CodeCol, oKommune: CodeCol, oVisit: DayCol, oEnd: DayCol, oAarsag: CodeCol, oFors: CodeCol

    init(_ t: [Table]) {
        birth = DayCol(t[0], "foedselsdato")
        tId = TextCol(t[1], "periode_id"); tFirst = DayCol(t[1], "foerste_dag"); tLast = DayCol(t[1], "sidste_dag"); tFors = CodeCol(t[1], "forsikring")
        let f = t[2]
        fAkasse = CodeCol(f, "akasse"); fFra = DayCol(f, "periode_fra"); fTil = DayCol(f, "periode_til"); fType = CodeCol(f, "ydelsestype")
        fTimer = f.column("timer").int64Values; fFradrag = f.column("fradragstimer").int64Values
        fFors = CodeCol(f, "forsikring"); fKommune = CodeCol(f, "kommune"); fSign = CodeCol(f, "fortegn")
        let k = t[3]
        kYdelse = CodeCol(k, "ydelse"); kSats = CodeCol(k, "sats"); kFra = DayCol(k, "fra"); kTil = DayCol(k, "til")
        kKommune = CodeCol(k, "kommune"); kLt = CodeCol(k, "loentilskud")
        sId = TextCol(t[4], "forloeb_id"); sStart = DayCol(t[4], "start"); sSlut = DayCol(t[4], "slut"); sKommune = CodeCol(t[4], "kommune")
        aKode = CodeCol(t[5], "kode"); aFra = DayCol(t[5], "fra"); aTil = DayCol(t[5], "til")
        mFra = DayCol(t[6], "fra"); mTil = DayCol(t[6], "til"); mGruppe = CodeCol(t[6], "kontaktgruppe"); mVisitation = CodeCol(t[6], "visitation")
        bKommune = CodeCol(t[7], "kommune"); bFra = DayCol(t[7], "fra"); bTil = DayCol(t[7], "til")
        let o = t[8]
        oId = TextCol(o, "forloeb_id"); oAkasse = CodeCol(o, "akasse"); oKommune = CodeCol(o, "kommune")
        oVisit = DayCol(o, "visitationsdato"); oEnd = DayCol(o, "afslutningsdato"); oAarsag = CodeCol(o, "aarsag"); oFors = CodeCol(o, "forsikring")
    }

    func history(pnr: Int64, rows r: [Range<Int>]) -> PersonHistory {
        let birthDate = r[0].last.map { birth[$0] }
        let dp = r[1].compactMap { i -> DagpengePeriodeRow? in
            guard let f = Forsikring(code: tFors[i]) else { return nil }
            return DagpengePeriodeRow(periodeId: tId[i], foersteDag: tFirst[i], sidsteDag: tLast.optional(i), forsikring: f)
        }
        let fl = r[2].map { i in
            FleurRecord(akasse: fAkasse[i], periodeFra: fFra[i], periodeTil: fTil[i], ydelsestype: FleurRecord.typeCode(fType[i]) ?? 0,
                        timer: fTimer[i], fradragstimer: fFradrag[i], forsikring: Forsikring(code: fFors[i]) ?? .fullTime,
                        kommune: fKommune[i], isReversal: fSign[i] == "-")
        }
        let kl = r[3].compactMap { i -> KyLine? in
            guard let y = KyYdelse(code: kYdelse[i]) else { return nil }
            return KyLine(ydelse: y, sats: kSats.optional(i).flatMap(KHSats.init(code:)), fra: kFra[i], til: kTil[i],
                          kommune: kKommune[i], loentilskud: kLt[i] == "J")
        }
        let ks = r[4].map { i in KsdRow(forloebId: sId[i], start: sStart[i], slut: sSlut.optional(i), kommune: sKommune[i]) }
        let fr = r[5].map { i in FravaerRow(kode: aKode[i], fra: aFra[i], til: aTil.optional(i)) }
        let mg = r[6].map { i in
            MaalgruppeRow(fra: mFra[i], til: mTil.optional(i), kontaktgruppe: Int(mGruppe[i]) ?? 0, visitation: mVisitation.optional(i))
        }
        let bo = r[7].map { i in BopaelRow(kommune: bKommune[i], fra: bFra[i], til: bTil.optional(i)) }
        let fo = r[8].compactMap { i -> ForsoegRow? in
            guard let f = Forsikring(code: oFors[i]) else { return nil }
            return ForsoegRow(forloebId: oId[i], akasse: oAkasse[i], kommune: oKommune[i], visitationsdato: oVisit[i],
                              afslutningsdato: oEnd.optional(i), aarsag: oAarsag.optional(i), forsikring: f)
        }
        return PersonHistory(pnr: pnr, birthDate: birthDate, dagpengeperioder: dp, fleur: fl, ky: kl, ksd: ks, fravaer: fr,
                             maalgruppe: mg, bopael: bo, forsoeg: fo)
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
    let indices: [Int32]
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
}

/// A utf8 column's buffers.
struct TextCol {
    let storage: StringStorage
    init(_ t: Table, _ name: String) { storage = t.column(name).strings }
    subscript(i: Int) -> String { storage[i] }
}
