import ColumnStore
import ReferenceData

/// The dated rules of the experiment monitoring (RULES.md Part B, CONV-8), read from
/// `forsoeg_kalender.csv`: the first experiment month (FSG-0.1), the supervision months of the
/// focus measure (FSG-0.9), the last week of a month (FSG-0.10) and the follow-up lag that picks
/// the Tema 4 cohort quarter (FSG-4.0). No date of these rules is a literal in the code.
public struct ExperimentRules: Sendable {
    /// A month bound of a supervision window: a fixed month, the report month, or January of its year.
    public enum MonthBound: Sendable, Hashable {
        case fixed(YearMonth)
        case reportMonth
        case januaryOfReportYear

        func resolve(_ m: YearMonth) -> YearMonth {
            switch self {
            case .fixed(let x): x
            case .reportMonth: m
            case .januaryOfReportYear: YearMonth(year: m.year, month: 1)
            }
        }
    }

    /// One dated row: applies to report months `reportFrom...reportTo` (nil = open).
    public struct Window<Value: Sendable & Hashable>: Sendable, Hashable {
        public var reportFrom: YearMonth?
        public var reportTo: YearMonth?
        public var value: Value

        public init(reportFrom: YearMonth?, reportTo: YearMonth?, value: Value) {
            self.reportFrom = reportFrom
            self.reportTo = reportTo
            self.value = value
        }

        func applies(_ m: YearMonth) -> Bool {
            if let f = reportFrom, m < f { return false }
            if let t = reportTo, m > t { return false }
            return true
        }
    }

    public struct MonthRange: Sendable, Hashable {
        public var from: MonthBound
        public var to: MonthBound
        public init(from: MonthBound, to: MonthBound) {
            self.from = from
            self.to = to
        }
    }

    /// FSG-0.1: the first month of the experiment.
    public var firstMonth: YearMonth
    /// FSG-0.9: supervision month ranges by report month.
    public var supervision: [Window<MonthRange>]
    /// FSG-0.10: length of the last week in days, by report month.
    public var lastWeekDays: [Window<Int>]
    /// FSG-4.0: months of follow-up plus E-indkomst lag after the cohort quarter, by report month.
    public var cohortLagMonths: [Window<Int>]

    public init(firstMonth: YearMonth, supervision: [Window<MonthRange>], lastWeekDays: [Window<Int>], cohortLagMonths: [Window<Int>]) {
        self.firstMonth = firstMonth
        self.supervision = supervision
        self.lastWeekDays = lastWeekDays
        self.cohortLagMonths = cohortLagMonths
    }

    /// FSG-0.1: the months `firstMonth...m` (empty before the experiment).
    public func months(through m: YearMonth) -> [YearMonth] {
        m < firstMonth ? [] : Array(firstMonth...m)
    }

    /// FSG-0.9: the supervision months of report month `m`, ascending, none after `m`.
    public func supervisionMonths(_ m: YearMonth) -> [YearMonth] {
        var out = Set<YearMonth>()
        for w in supervision where w.applies(m) {
            let a = max(w.value.from.resolve(m), firstMonth), b = min(w.value.to.resolve(m), m)
            if a <= b { out.formUnion(a...b) }
        }
        return out.sorted()
    }

    /// FSG-0.10: the last week of month `m`, `last(m) − (n − 1) ... last(m)`.
    public func lastWeek(_ m: YearMonth) -> DayInterval {
        let n = lastWeekDays.last { $0.applies(m) }?.value ?? 7
        return DayInterval(m.last - (n - 1), m.last)
    }

    /// FSG-4.0: the latest quarter whose last day plus the lag in months is <= last(M).
    public func cohortQuarter(_ m: YearMonth) -> Quarter {
        let lag = cohortLagMonths.last { $0.applies(m) }?.value ?? 9
        var q = Quarter(containing: m)
        while q.last.addingMonths(lag) > m.last { q = q.previous }
        return q
    }
}

extension ExperimentRules {
    /// Loads `forsoeg_kalender.csv`; a malformed row is an error naming the file and line.
    public static func load() throws -> ExperimentRules {
        let t = try ReferenceTable.load("forsoeg_kalender")
        var first: YearMonth?
        var sup: [Window<MonthRange>] = [], week: [Window<Int>] = [], lag: [Window<Int>] = []
        for (i, r) in t.records.enumerated() {
            func fail(_ reason: String) -> ExperimentRulesError { ExperimentRulesError(line: i + 2, reason: reason) }
            func month(_ key: String) throws -> YearMonth? {
                let s = r[key] ?? ""
                if s.isEmpty { return nil }
                guard let m = YearMonth(s) else { throw fail("bad month '\(s)' in \(key)") }
                return m
            }
            func bound(_ key: String) throws -> MonthBound {
                switch r[key] ?? "" {
                case "M": return .reportMonth
                case "AAR": return .januaryOfReportYear
                default:
                    guard let m = try month(key) else { throw fail("empty \(key)") }
                    return .fixed(m)
                }
            }
            func count() throws -> Int {
                guard let n = Int(r["antal"] ?? ""), n > 0 else { throw fail("bad antal '\(r["antal"] ?? "")'") }
                return n
            }
            let from = try month("rapport_fra"), to = try month("rapport_til")
            switch r["regel"] ?? "" {
            case "FSG-0.1": first = try month("fra")
            case "FSG-0.9": sup.append(Window(reportFrom: from, reportTo: to, value: MonthRange(from: try bound("fra"), to: try bound("til"))))
            case "FSG-0.10": week.append(Window(reportFrom: from, reportTo: to, value: try count()))
            case "FSG-4.0": lag.append(Window(reportFrom: from, reportTo: to, value: try count()))
            default: throw fail("unknown regel '\(r["regel"] ?? "")'")
            }
        }
        guard let f = first else { throw ExperimentRulesError(line: 0, reason: "no FSG-0.1 row") }
        return ExperimentRules(firstMonth: f, supervision: sup, lastWeekDays: week, cohortLagMonths: lag)
    }

    /// The bundled rules; a missing or malformed file is a broken installation.
    public static let standard: ExperimentRules = {
        do { return try load() } catch { fatalError("\(error)") }
    }()
}

extension DomainRules {
    /// The dated rules of the experiment monitoring (FSG-0.1, 0.9, 0.10, 4.0).
    public var experiment: ExperimentRules { ExperimentRules.standard }
}

/// A malformed row in `forsoeg_kalender.csv`.
public struct ExperimentRulesError: Error, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "reference data forsoeg_kalender.csv:\(line): \(reason)" }
}
