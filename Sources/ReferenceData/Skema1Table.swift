/// `skema1.csv`: the Skema 1 intervals with their normative lower bounds (INT-1).
public struct Skema1Table: Sendable {
    public struct Interval: Sendable, Hashable {
        public var label: String
        /// Lower bound in days.
        public var days: Int64
        /// Lower bound in hundredths of an hour (H).
        public var hoursH: Int64
        /// Lower bound in hundredths of an hour (D).
        public var hoursD: Int64

        public init(label: String, days: Int64, hoursH: Int64, hoursD: Int64) {
            self.label = label
            self.days = days
            self.hoursH = hoursH
            self.hoursD = hoursD
        }

        public func bound(_ unit: DurationUnit) -> Int64 {
            switch unit {
            case .days: return days
            case .hoursFullTime: return hoursH
            case .hoursPartTime: return hoursD
            }
        }
    }

    /// "Under 1 måned" … "12 måneder og derover", ascending.
    public var monthly: [Interval]
    /// "Under 12 måneder", "12 måneder og derover".
    public var summary: [Interval]
    /// "1 – 2 år" … "10 + år", ascending.
    public var yearBands: [Interval]

    public init(monthly: [Interval], summary: [Interval], yearBands: [Interval]) {
        self.monthly = monthly
        self.summary = summary
        self.yearBands = yearBands
    }

    /// INT-1: the highest interval whose lower bound is <= value.
    public static func classify(_ value: Int64, _ list: [Interval], _ unit: DurationUnit) -> Interval? {
        // By index: an interval copied is its label retained (every classified duration).
        var best: Int?
        for i in list.indices where list[i].bound(unit) <= value { best = i }
        return best.map { list[$0] }
    }

    /// The lower bound of the monthly interval with `label` (e.g. "6 måneder").
    public func bound(of label: String, _ unit: DurationUnit) -> Int64? {
        // The lists in place (asked per person and month: no concatenated copy).
        func find(_ intervals: [Interval]) -> Int64? {
            for i in intervals.indices where intervals[i].label == label { return intervals[i].bound(unit) }
            return nil
        }
        return find(monthly) ?? find(summary) ?? find(yearBands)
    }

    public static func load() throws -> Skema1Table {
        let t = try ReferenceTable.load("skema1")
        var m: [Interval] = [], s: [Interval] = [], y: [Interval] = []
        for (i, r) in t.records.enumerated() {
            guard let label = r["etiket"], let d = Int64(r["dage"] ?? ""),
                  let h = parseHundredths(r["timer_H"] ?? ""), let dd = parseHundredths(r["timer_D"] ?? "") else {
                throw ReferenceDataError(file: "skema1.csv", line: i + 2, reason: "bad row")
            }
            let iv = Interval(label: label, days: d, hoursH: h, hoursD: dd)
            switch r["art"] {
            case "maaned": m.append(iv)
            case "samlet": s.append(iv)
            case "aar": y.append(iv)
            default: throw ReferenceDataError(file: "skema1.csv", line: i + 2, reason: "unknown art")
            }
        }
        let order: (Interval, Interval) -> Bool = { $0.days < $1.days || ($0.days == $1.days && $0.hoursH < $1.hoursH) }
        return Skema1Table(monthly: m.sorted(by: order), summary: s.sorted(by: order), yearBands: y.sorted(by: order))
    }
}
