import ColumnStore
import Domain
import Publishing
import ReferenceData

/// The jobsamtaler measures of one month (MEAS-1..5) aggregated from the measured and exempt
/// persons, and written as OUTPUTS.md `jobsamtaler.csv`.
///
/// Every person counts in its kommune and in `I alt` (an unknown kommune only in `I alt`,
/// KOM-3), in its group and, when it is the person's POP-7 spell, in the all-groups `I alt`,
/// and under each of its Skema 1 labels (monthly, summary, year band) and `I alt` (INT-2).
///
/// Row order (OUTPUTS.md "sorted by the columns left to right"): kommune by code, `I alt` last;
/// ydelsesgruppe in the OUTPUTS.md list order (Kontanthjælp, then its three sats groups), `I alt`
/// last; varighed in the printed Skema 1 order (`Under 12 måneder` first, as Skema 1 prints
/// it, then `Under 1 måned` … `11 måneder`, `12 måneder og derover`, the year bands), `I alt` last.
struct JobsamtaleTable {
    /// One person's contribution (a row of `maalte`).
    struct Entry: Sendable {
        var kommune: String?
        var group: String
        /// The INT-2 labels (monthly, summary, year band), duplicates allowed.
        var labels: [String]
        /// nil for an exempt person.
        var talks: Int?
        var exempt: Bool
        var allGroups: Bool
    }

    /// The figures of one cell.
    struct Cell: Sendable, Equatable {
        /// Måling 1: persons with 0, 1, 2, 3, 4 and 5+ talks.
        var buckets = [Int](repeating: 0, count: 6)
        /// Måling 5.
        var exempt = 0
        /// Måling 2.
        var persons: Int { buckets.reduce(0, +) }
        /// Måling 3.
        var fewerThanFour: Int { buckets[0] + buckets[1] + buckets[2] + buckets[3] }
        /// Måling 4.
        var share: Double? { JobsamtaleFocus.share(fewerThanFour: fewerThanFour, persons: persons) }
    }

    /// A cell: kommune, group and varighed label by their numbers in ``names``. Adding a person
    /// hashes each of its labels once (``number(_:)``), not every (kommune, group, label) triple
    /// of strings (Swift hashes a string's normalised form: `måneder` is not ASCII).
    struct Key: Hashable, Sendable {
        var kommune: Int32
        var group: Int32
        var varighed: Int32
    }

    static let total = "I alt"
    static let header = ["maaned", "kommune", "ydelsesgruppe", "varighed", "samtaler_0", "samtaler_1", "samtaler_2",
                         "samtaler_3", "samtaler_4", "samtaler_5plus", "personer", "faerre_end_4", "andel_faerre_end_4", "fritagne"]

    let month: YearMonth
    var cells: [Key: Cell] = [:]
    /// The labels of the keys, by number.
    private(set) var names: [String] = []
    private var numbers: [String: Int32] = [:]

    init(month: YearMonth, entries: [Entry]) {
        self.month = month
        for e in entries { add(e) }
    }

    /// The number of label `s` in ``names`` (given one when new).
    mutating func number(_ s: String) -> Int32 {
        if let n = numbers[s] { return n }
        let n = Int32(names.count)
        names.append(s)
        numbers[s] = n
        return n
    }

    /// The label of number `n`.
    func name(_ n: Int32) -> String { names[Int(n)] }

    mutating func add(_ e: Entry) {
        let total = number(Self.total)
        var kommuner = [total]
        if let k = e.kommune { kommuner.append(number(k)) }
        var groups = [number(e.group)]
        if e.allGroups { groups.append(total) }
        var labels: [Int32] = []
        for l in e.labels { let n = number(l); if !labels.contains(n) { labels.append(n) } }
        if !labels.contains(total) { labels.append(total) }
        for k in kommuner {
            for g in groups {
                for l in labels {
                    if e.exempt {
                        cells[Key(kommune: k, group: g, varighed: l), default: Cell()].exempt += 1
                    } else {
                        cells[Key(kommune: k, group: g, varighed: l), default: Cell()].buckets[min(e.talks ?? 0, 5)] += 1
                    }
                }
            }
        }
    }

    /// OUTPUTS.md group order; `I alt` last.
    static let groupOrder: [String] = {
        var out = [BenefitGroup.ad.label, BenefitGroup.sdp.label, BenefitGroup.kh.label]
        out += [KHSats.mindste, .grund, .hoejeste].map(\.label)
        out += [BenefitGroup.uh, .sho, .rev, .res, .jaf, .led].map(\.label)
        return out + [total]
    }()

    /// The printed Skema 1 order; `I alt` last.
    static func varighedOrder(_ rules: DomainRules = .standard) -> [String] {
        var out: [String] = []
        for l in [rules.skema1.summary[0].label] + rules.skema1.monthly.map(\.label) + rules.skema1.yearBands.map(\.label)
            where !out.contains(l) { out.append(l) }
        return out + [total]
    }

    /// The keys with a measured or exempt person, in output order.
    var sortedKeys: [Key] {
        let g = Dictionary(uniqueKeysWithValues: Self.groupOrder.enumerated().map { ($1, $0) })
        let v = Dictionary(uniqueKeysWithValues: Self.varighedOrder().enumerated().map { ($1, $0) })
        // The order of each label, worked out once per number.
        let kommuneRank = names.map { k in k == Self.total ? (1, "") : (0, k) }
        let groupRank = names.map { (g[$0] ?? Int.max, $0) }
        let varighedRank = names.map { (v[$0] ?? Int.max, $0) }
        return cells.keys.sorted { a, b in
            if a.kommune != b.kommune { return kommuneRank[Int(a.kommune)] < kommuneRank[Int(b.kommune)] }
            if a.group != b.group { return groupRank[Int(a.group)] < groupRank[Int(b.group)] }
            return varighedRank[Int(a.varighed)] < varighedRank[Int(b.varighed)]
        }
    }

    /// `maaned` as OUTPUTS.md writes months: `2023M06`.
    static func monthLabel(_ m: YearMonth) -> String { "\(m.year)M" + (m.month < 10 ? "0" : "") + "\(m.month)" }

    /// `jobsamtaler.csv`: counts as plain integers, Måling 4 as percent with two decimals
    /// (decimal comma), empty when undefined.
    var csv: CSVTable {
        var t = CSVTable(header: Self.header)
        let m = Self.monthLabel(month)
        for k in sortedKeys {
            let c = cells[k]!
            var row = [m, name(k.kommune), name(k.group), name(k.varighed)]
            row += c.buckets.map { DanishNumber.integer($0, grouped: false) }
            row += [DanishNumber.integer(c.persons, grouped: false), DanishNumber.integer(c.fewerThanFour, grouped: false),
                    c.share.map { DanishNumber.percent($0, decimals: 2) } ?? "", DanishNumber.integer(c.exempt, grouped: false)]
            t.append(row)
        }
        return t
    }
}

extension JobsamtaleTable.Entry {
    init(_ p: MeasuredPerson) {
        let d = p.duration
        self.init(kommune: d.kommune, group: d.groupLabel, labels: [d.interval, d.summary] + (d.yearBand.map { [$0] } ?? []),
                  talks: p.talks, exempt: p.isExempt, allGroups: p.allGroups)
    }
}

extension JobsamtaleTable {
    /// FOCUS-1: the cells (kommune or `I alt`, all groups, `12 måneder og derover`) by kommune.
    var focusCells: [String: Cell] {
        let twelve = DomainRules.standard.skema1.summary[1].label
        var out: [String: Cell] = [:]
        guard let total = numbers[Self.total], let twelve = numbers[twelve] else { return [:] }
        for (k, c) in cells where k.group == total && k.varighed == twelve { out[name(k.kommune)] = c }
        return out
    }
}

extension JobsamtaleTable.Entry {
    /// The entries of a `jobsamtaler/maalte` checkpoint table.
    static func rows(of t: Table) -> [JobsamtaleTable.Entry] {
        let kommune = t.column("kommune"), group = t.column("ydelsesgruppe"), interval = t.column("varighed")
        let summary = t.column("varighed_samlet"), band = t.column("aarsbaand"), talks = t.column("samtaler")
        let exempt = t.column("fritaget").boolValues, all = t.column("alle_grupper").boolValues
        return (0..<t.rowCount).map { i in
            var labels = [interval.text(at: i)!, summary.text(at: i)!]
            if !band.isNull(i) { labels.append(band.text(at: i)!) }
            return JobsamtaleTable.Entry(kommune: kommune.isNull(i) ? nil : kommune.text(at: i), group: group.text(at: i)!,
                                         labels: labels, talks: talks.isNull(i) ? nil : Int(talks.int32Values[i]),
                                         exempt: exempt[i], allGroups: all[i])
        }
    }
}
