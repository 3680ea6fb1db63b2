import ColumnStore

/// `fritagelseskoder.csv`: the EXEMPT-5 table of fravaer codes that count as exemption, per
/// table group, with the visitation condition, the first exempt day that counts (`fra`) and the
/// last measured month in which the code counts (`sidste_maaned`).
public struct ExemptionCodeTable: Sendable {
    /// One cell of the EXEMPT-5 table.
    public struct Entry: Sendable, Hashable {
        /// The fravaer code as text (`10`, `65`, …).
        public var code: String
        /// Table group: `AD`, `SDP`, `KH`, `UH`, `SHO`, `REV`, `RES`, `JAF`, `LED`.
        public var group: String
        /// Empty: any visitation; otherwise the `maalgruppe.visitation` values that qualify.
        public var visitation: Set<String>
        /// First exempt day that counts (nil: no limit).
        public var from: Day?
        /// Last measured month in which the code counts (nil: no limit).
        public var lastMonth: YearMonth?

        public init(code: String, group: String, visitation: Set<String> = [], from: Day? = nil, lastMonth: YearMonth? = nil) {
            self.code = code
            self.group = group
            self.visitation = visitation
            self.from = from
            self.lastMonth = lastMonth
        }

        /// EXEMPT-1: does a day `d` with visitation `v` in measured month `m` count?
        public func counts(day d: Day, visitation v: String?, month m: YearMonth) -> Bool {
            if let f = from, d < f { return false }
            if let l = lastMonth, m > l { return false }
            if !visitation.isEmpty { return v.map { visitation.contains($0) } ?? false }
            return true
        }
    }

    /// Entries by (code, group).
    public var entries: [String: Entry]

    public init(_ list: [Entry]) {
        var e: [String: Entry] = [:]
        for x in list { e[x.code + "/" + x.group] = x }
        entries = e
    }

    /// The entry of `code` for table group `group`, nil when the code does not count for it.
    public func entry(code: String, group: String) -> Entry? { entries[code + "/" + group] }

    public static func load() throws -> ExemptionCodeTable {
        let file = "fritagelseskoder.csv"
        let t = try ReferenceTable.load("fritagelseskoder")
        var list: [Entry] = []
        for (i, r) in t.records.enumerated() {
            guard let code = r["kode"], !code.isEmpty, let group = r["gruppe"], !group.isEmpty else {
                throw ReferenceDataError(file: file, line: i + 2, reason: "empty kode or gruppe")
            }
            let v = r["visitation"] ?? ""
            let f = r["fra"] ?? "", l = r["sidste_maaned"] ?? ""
            var from: Day?
            if !f.isEmpty {
                guard let d = Day(iso: f) else { throw ReferenceDataError(file: file, line: i + 2, reason: "bad fra \(f)") }
                from = d
            }
            var last: YearMonth?
            if !l.isEmpty {
                guard let m = YearMonth(l) else { throw ReferenceDataError(file: file, line: i + 2, reason: "bad sidste_maaned \(l)") }
                last = m
            }
            let vis = v.isEmpty ? Set<String>() : Set(v.split(separator: "|").map(String.init))
            list.append(Entry(code: code, group: group, visitation: vis, from: from, lastMonth: last))
        }
        return ExemptionCodeTable(list)
    }
}
