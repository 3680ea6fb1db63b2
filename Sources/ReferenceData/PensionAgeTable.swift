import ColumnStore

/// `folkepensionsalder.csv` (POP-3 Decision).
public struct PensionAgeTable: Sendable {
    public struct Row: Sendable, Hashable {
        public var bornFrom: Day?
        public var bornTo: Day?
        public var ageMonths: Int
        public init(bornFrom: Day?, bornTo: Day?, ageMonths: Int) {
            self.bornFrom = bornFrom
            self.bornTo = bornTo
            self.ageMonths = ageMonths
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The pension age in months for someone born on `birth` (the last row as fallback).
    public func ageMonths(born birth: Day) -> Int {
        for r in rows where DayWindow(from: r.bornFrom, to: r.bornTo).contains(birth) { return r.ageMonths }
        return rows.last?.ageMonths ?? 804
    }

    /// The day the person reaches folkepensionsalder (CONV-3 month arithmetic).
    public func pensionDay(born birth: Day) -> Day { birth.addingMonths(ageMonths(born: birth)) }

    public static func load() throws -> PensionAgeTable {
        let t = try ReferenceTable.load("folkepensionsalder")
        var rows: [Row] = []
        for (i, r) in t.records.enumerated() {
            let f = try parseOptionalDay(r["foedt_fra"] ?? "", file: "folkepensionsalder.csv", row: i)
            let to = try parseOptionalDay(r["foedt_til"] ?? "", file: "folkepensionsalder.csv", row: i)
            guard let m = Int(r["alder_maaneder"] ?? "") else {
                throw ReferenceDataError(file: "folkepensionsalder.csv", line: i + 2, reason: "bad alder_maaneder")
            }
            rows.append(Row(bornFrom: f, bornTo: to, ageMonths: m))
        }
        return PensionAgeTable(rows: rows)
    }
}
