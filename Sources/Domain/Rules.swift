import ColumnStore
import ReferenceData

/// The time-dependent rules (CONV-8) and Skema 1 bounds the Domain logic reads,
/// loaded once from the reference CSV files in `ReferenceData/Resources`.
public struct DomainRules: Sendable {
    /// The values, behind one reference: the logic copies the rules into every person's timeline,
    /// and a copy of nine arrays and tables cost nine retains and releases per person (4 % of the
    /// spells stage at 1,000,000 persons). A setter copies the storage first when it is shared.
    private final class Storage: @unchecked Sendable {
        var coronaDead: [DayInterval]
        var fsgSuspension: [DayInterval]
        var shoAbsorptionUntil: Day?
        var conversionFrom: Day
        var kontaktgruppeSplitFrom: Day
        var pensionAge: PensionAgeTable
        var skema1: Skema1Table
        var insuranceHours: InsuranceHours
        var jobsamtaler: JobsamtaleRules

        init(coronaDead: [DayInterval], fsgSuspension: [DayInterval], shoAbsorptionUntil: Day?, conversionFrom: Day,
             kontaktgruppeSplitFrom: Day, pensionAge: PensionAgeTable, skema1: Skema1Table, insuranceHours: InsuranceHours,
             jobsamtaler: JobsamtaleRules) {
            self.coronaDead = coronaDead
            self.fsgSuspension = fsgSuspension
            self.shoAbsorptionUntil = shoAbsorptionUntil
            self.conversionFrom = conversionFrom
            self.kontaktgruppeSplitFrom = kontaktgruppeSplitFrom
            self.pensionAge = pensionAge
            self.skema1 = skema1
            self.insuranceHours = insuranceHours
            self.jobsamtaler = jobsamtaler
        }

        func copy() -> Storage {
            Storage(coronaDead: coronaDead, fsgSuspension: fsgSuspension, shoAbsorptionUntil: shoAbsorptionUntil,
                    conversionFrom: conversionFrom, kontaktgruppeSplitFrom: kontaktgruppeSplitFrom, pensionAge: pensionAge,
                    skema1: skema1, insuranceHours: insuranceHours, jobsamtaler: jobsamtaler)
        }
    }

    private var storage: Storage

    /// The storage, copied first when another value shares it.
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// DEAD-1 (a): corona dead period(s).
    public var coronaDead: [DayInterval] {
        get { storage.coronaDead }
        set { unique.coronaDead = newValue }
    }
    /// FSG-0.3: suspension of dagpenge consumption.
    public var fsgSuspension: [DayInterval] {
        get { storage.fsgSuspension }
        set { unique.fsgSuspension = newValue }
    }
    /// SPELL-5: SHO and KH/UH days up to this day can be joined (nil = no limit).
    public var shoAbsorptionUntil: Day? {
        get { storage.shoAbsorptionUntil }
        set { unique.shoAbsorptionUntil = newValue }
    }
    /// SPELL-7: from this day UH/SHO payments are KH and KH is split by sats.
    public var conversionFrom: Day {
        get { storage.conversionFrom }
        set { unique.conversionFrom = newValue }
    }
    /// SPELL-8: kontaktgruppe 12→2 change days from this day start a new KH spell.
    public var kontaktgruppeSplitFrom: Day {
        get { storage.kontaktgruppeSplitFrom }
        set { unique.kontaktgruppeSplitFrom = newValue }
    }
    public var pensionAge: PensionAgeTable {
        get { storage.pensionAge }
        set { unique.pensionAge = newValue }
    }
    public var skema1: Skema1Table {
        get { storage.skema1 }
        set { unique.skema1 = newValue }
    }
    public var insuranceHours: InsuranceHours {
        get { storage.insuranceHours }
        set { unique.insuranceHours = newValue }
    }
    /// Part A measurement rules (WIN, TALK, EXEMPT).
    public var jobsamtaler: JobsamtaleRules {
        get { storage.jobsamtaler }
        set { unique.jobsamtaler = newValue }
    }

    public init(coronaDead: [DayInterval], fsgSuspension: [DayInterval], shoAbsorptionUntil: Day?,
                conversionFrom: Day, kontaktgruppeSplitFrom: Day, pensionAge: PensionAgeTable,
                skema1: Skema1Table, insuranceHours: InsuranceHours, jobsamtaler: JobsamtaleRules = .standard) {
        storage = Storage(coronaDead: IntervalSet.normalize(coronaDead), fsgSuspension: IntervalSet.normalize(fsgSuspension),
                          shoAbsorptionUntil: shoAbsorptionUntil, conversionFrom: conversionFrom,
                          kontaktgruppeSplitFrom: kontaktgruppeSplitFrom, pensionAge: pensionAge, skema1: skema1,
                          insuranceHours: insuranceHours, jobsamtaler: jobsamtaler)
    }

    /// Loads the bundled reference files.
    public static func load() throws -> DomainRules {
        let w = try RuleWindows.load()
        func intervals(_ rule: String) throws -> [DayInterval] {
            let ws = w.windows(rule)
            guard !ws.isEmpty else { throw DomainRulesError( "missing rule \(rule)") }
            return try ws.map {
                guard let f = $0.from, let t = $0.to else {
                    throw DomainRulesError( "\(rule) needs both fra and til")
                }
                return DayInterval(f, t)
            }
        }
        func from(_ rule: String) throws -> Day {
            guard let f = w.windows(rule).first?.from else {
                throw DomainRulesError( "missing fra for \(rule)")
            }
            return f
        }
        return DomainRules(
            coronaDead: try intervals("DEAD-1"),
            fsgSuspension: try intervals("FSG-0.3"),
            shoAbsorptionUntil: w.windows("SPELL-5").first?.to,
            conversionFrom: try from("SPELL-7"),
            kontaktgruppeSplitFrom: try from("SPELL-8"),
            pensionAge: try PensionAgeTable.load(),
            skema1: try Skema1Table.load(),
            insuranceHours: try InsuranceHours.load(),
            jobsamtaler: try JobsamtaleRules.load())
    }

    /// The bundled rules. A missing or malformed reference file is a broken installation.
    public static let standard: DomainRules = {
        do { return try load() } catch { fatalError("\(error)") }
    }()

    /// SPELL-7: group labels for M from the conversion month split KH by sats.
    public func khSplitApplies(_ month: YearMonth) -> Bool { month >= conversionFrom.yearMonth }

    public func unit(for group: BenefitGroup, forsikring: Forsikring?) -> DurationUnit {
        guard group == .ad else { return .days }
        return forsikring == .partTime ? .hoursPartTime : .hoursFullTime
    }

    /// CONV-7 `six`: lower bound of "6 måneder" (days or hundredths of an hour).
    public func six(_ unit: DurationUnit) -> Int64 { skema1.bound(of: "6 måneder", unit) ?? 0 }
    /// CONV-7 `twelve`: lower bound of "12 måneder og derover".
    public func twelve(_ unit: DurationUnit) -> Int64 { skema1.bound(of: "12 måneder og derover", unit) ?? 0 }

    /// FSG-0.3 threshold in hundredths of an hour (410 h / 333 h).
    public func fullExperimentPeriod(_ f: Forsikring) -> Int64 { insuranceHours.fullExperimentPeriod[f.code] ?? 0 }
}

/// The three Skema 1 labels of a duration (INT-2).
public struct Skema1Labels: Sendable, Hashable {
    /// "Under 1 måned" … "12 måneder og derover".
    public var monthly: String
    /// "Under 12 måneder" or "12 måneder og derover".
    public var summary: String
    /// "1 – 2 år" … "10 + år" (EN DASH), nil under 12 months.
    public var yearBand: String?
}

extension DomainRules {
    /// INT-1/INT-2: labels of `value` (days, or hours in hundredths already rounded per DUR-7).
    public func skema1Labels(_ value: Int64, _ unit: DurationUnit) -> Skema1Labels {
        let table = skema1
        let m = Skema1Table.classify(value, table.monthly, unit)?.label ?? ""
        let s = Skema1Table.classify(value, table.summary, unit)?.label ?? ""
        let y = Skema1Table.classify(value, table.yearBands, unit)?.label
        return Skema1Labels(monthly: m, summary: s, yearBand: y)
    }
}

/// A bundled rule file lacks a rule the Domain logic needs.
public struct DomainRulesError: Error, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "reference data rule_windows.csv: \(reason)" }
}
