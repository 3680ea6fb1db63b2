import Foundation
import ColumnStore

// Typed views of the time-dependent rules (RULES.md CONV-8) and the Skema 1
// bounds (INT-1) that the Domain module reads. The values live in the CSV
// files under Resources/; no rule date is a literal in the logic.

/// A validity window of a rule, both ends inclusive; `nil` means open.
public struct DayWindow: Sendable, Hashable {
    public var from: Day?
    public var to: Day?

    public init(from: Day?, to: Day?) {
        self.from = from
        self.to = to
    }

    @inlinable public func contains(_ d: Day) -> Bool {
        if let f = from, d < f { return false }
        if let t = to, d > t { return false }
        return true
    }
}

/// `rule_windows.csv`: the validity windows of the rules by rule ID.
public struct RuleWindows: Sendable {
    public var windows: [String: [DayWindow]]

    public init(windows: [String: [DayWindow]]) { self.windows = windows }

    /// The windows of `rule` (e.g. `DEAD-1`), in file order; empty when unknown.
    public func windows(_ rule: String) -> [DayWindow] { windows[rule] ?? [] }

    public static func load() throws -> RuleWindows {
        let t = try ReferenceTable.load("rule_windows")
        var w: [String: [DayWindow]] = [:]
        for (i, r) in t.records.enumerated() {
            guard let rule = r["regel"], !rule.isEmpty else {
                throw ReferenceDataError(file: "rule_windows.csv", line: i + 2, reason: "empty regel")
            }
            let f = try parseOptionalDay(r["fra"] ?? "", file: "rule_windows.csv", row: i)
            let to = try parseOptionalDay(r["til"] ?? "", file: "rule_windows.csv", row: i)
            w[rule, default: []].append(DayWindow(from: f, to: to))
        }
        return RuleWindows(windows: w)
    }
}

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

/// The unit a duration is measured in (Skema 1 columns).
public enum DurationUnit: Sendable, Hashable {
    /// Days (all groups except a-dagpenge).
    case days
    /// Hundredths of an hour, full-time insured (H).
    case hoursFullTime
    /// Hundredths of an hour, part-time insured (D).
    case hoursPartTime
}

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

/// `forsikring_timer.csv`: monthly hours R (DUR-3) and the full experiment period (FSG-0.3).
public struct InsuranceHours: Sendable {
    /// Hundredths of an hour per forsikring code ("H", "D").
    public var monthlyHours: [String: Int64]
    public var fullExperimentPeriod: [String: Int64]

    public init(monthlyHours: [String: Int64], fullExperimentPeriod: [String: Int64]) {
        self.monthlyHours = monthlyHours
        self.fullExperimentPeriod = fullExperimentPeriod
    }

    public static func load() throws -> InsuranceHours {
        let t = try ReferenceTable.load("forsikring_timer")
        var m: [String: Int64] = [:], f: [String: Int64] = [:]
        for (i, r) in t.records.enumerated() {
            guard let k = r["forsikring"], let a = parseHundredths(r["maanedstimer"] ?? ""),
                  let b = parseHundredths(r["fuld_forsoegsperiode"] ?? "") else {
                throw ReferenceDataError(file: "forsikring_timer.csv", line: i + 2, reason: "bad row")
            }
            m[k] = a
            f[k] = b
        }
        return InsuranceHours(monthlyHours: m, fullExperimentPeriod: f)
    }
}

/// Parses `160,33` / `160.33` / `160` into hundredths (160,33 → 16033).
public func parseHundredths(_ text: String) -> Int64? {
    let s = text.replacingOccurrences(of: ",", with: ".")
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2, let whole = Int64(parts[0]) else { return nil }
    var frac: Int64 = 0
    if parts.count == 2 {
        let f = parts[1]
        guard f.count >= 1, f.count <= 2, let v = Int64(f) else { return nil }
        frac = f.count == 1 ? v * 10 : v
    }
    return whole * 100 + frac
}

private func parseOptionalDay(_ text: String, file: String, row: Int) throws -> Day? {
    if text.isEmpty { return nil }
    guard let d = Day(iso: text) else {
        throw ReferenceDataError(file: file, line: row + 2, reason: "bad date \(text)")
    }
    return d
}
