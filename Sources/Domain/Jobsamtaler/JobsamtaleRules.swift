import ColumnStore
import ReferenceData

/// The time-dependent rules of the jobsamtaler measurement (RULES.md Part A, CONV-8), loaded
/// from the reference files: `rule_windows.csv` (DEAD-3, TALK-5, TALK-6a/b/c, TALK-10,
/// EXEMPT-6), `fritagelseskoder.csv` (EXEMPT-5), `skema2_kommuner.csv` (TALK-7) and
/// `fritagelse_graenser.csv` (EXEMPT-3). No rule date is a literal in the logic.
public struct JobsamtaleRules: Sendable {
    /// DEAD-3: talks held on these days never count.
    public var talksNeverCount: [DayInterval]
    /// TALK-6a: COVID windows in which a T or D talk qualifies everywhere.
    public var covidAnyForm: [DayInterval]
    /// TALK-6b: window in which a T or D talk qualifies from `six` on.
    public var digitalAfterSix: [DayWindow]
    /// TALK-6c: window in which an active offer waives the kontaktform.
    public var activeOfferWaiver: [DayWindow]
    /// TALK-5: talk dates on which the first jobsamtale must be in person (TALK-6 applies outside).
    public var firstTalkInPerson: [DayWindow]
    /// TALK-10: spells starting in these windows may count talks before payment.
    public var talksBeforePayment: [DayWindow]
    /// EXEMPT-6: code-91 days in these windows exclude a sygedagpenge spell.
    public var code91Excludes: [DayWindow]
    /// EXEMPT-5.
    public var exemptionCodes: ExemptionCodeTable
    /// TALK-7.
    public var skema2: Skema2Table
    /// EXEMPT-3.
    public var thresholds: ExemptionThresholds

    public init(talksNeverCount: [DayInterval], covidAnyForm: [DayInterval], digitalAfterSix: [DayWindow],
                activeOfferWaiver: [DayWindow], firstTalkInPerson: [DayWindow], talksBeforePayment: [DayWindow],
                code91Excludes: [DayWindow], exemptionCodes: ExemptionCodeTable, skema2: Skema2Table,
                thresholds: ExemptionThresholds) {
        self.talksNeverCount = IntervalSet.normalize(talksNeverCount)
        self.covidAnyForm = IntervalSet.normalize(covidAnyForm)
        self.digitalAfterSix = digitalAfterSix
        self.activeOfferWaiver = activeOfferWaiver
        self.firstTalkInPerson = firstTalkInPerson
        self.talksBeforePayment = talksBeforePayment
        self.code91Excludes = code91Excludes
        self.exemptionCodes = exemptionCodes
        self.skema2 = skema2
        self.thresholds = thresholds
    }

    /// Loads the bundled reference files.
    public static func load() throws -> JobsamtaleRules {
        let w = try RuleWindows.load()
        func windows(_ rule: String) throws -> [DayWindow] {
            let ws = w.windows(rule)
            guard !ws.isEmpty else { throw DomainRulesError("missing rule \(rule)") }
            return ws
        }
        func closed(_ rule: String) throws -> [DayInterval] {
            try windows(rule).map {
                guard let f = $0.from, let t = $0.to else { throw DomainRulesError("\(rule) needs both fra and til") }
                return DayInterval(f, t)
            }
        }
        return JobsamtaleRules(
            talksNeverCount: try closed("DEAD-3"), covidAnyForm: try closed("TALK-6a"),
            digitalAfterSix: try windows("TALK-6b"), activeOfferWaiver: try windows("TALK-6c"),
            firstTalkInPerson: try windows("TALK-5"), talksBeforePayment: try windows("TALK-10"),
            code91Excludes: try windows("EXEMPT-6"), exemptionCodes: try ExemptionCodeTable.load(),
            skema2: try Skema2Table.load(), thresholds: try ExemptionThresholds.load())
    }

    /// The bundled rules. A missing or malformed reference file is a broken installation.
    public static let standard: JobsamtaleRules = {
        do { return try load() } catch { fatalError("\(error)") }
    }()
}

extension Array where Element == DayWindow {
    /// Does any window contain `d`?
    func anyContains(_ d: Day) -> Bool { contains { $0.contains(d) } }
}
