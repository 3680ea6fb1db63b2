import ColumnStore
import Domain
import YdelseIO

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
