import ColumnStore
import Publishing
import ReferenceData

/// The row grid of the monitoring tables (OUTPUTS.md "Conventions of the monitoring tables"):
/// months 2020M09..M ascending, then `I alt`; a-kasser 01..09, then `I alt`. A nil month or
/// a-kasse stands for `I alt`.
struct MonitoringGrid: Sendable {
    static let total = "I alt"

    let month: YearMonth
    /// 2020M09...M.
    let months: [YearMonth]
    /// The nine experiment a-kasser, 01..09.
    let akasser: [AKasse]

    init(month: YearMonth, months: [YearMonth], akasser: [AKasse] = AKasse.experiment) {
        self.month = month
        self.months = months
        self.akasser = akasser
        monthSet = Set(months)
        // Consecutive months (2020M09..M) are one range of days: `contains` is asked for every
        // conversation of every person.
        if let first = months.first, let last = months.last, months.count == last.index - first.index + 1,
           zip(months, months.dropFirst()).allSatisfy({ $0 < $1 }) {
            days = first.first...last.last
        } else {
            days = nil
        }
    }

    private let monthSet: Set<YearMonth>
    /// The days of the months, when they are consecutive.
    private let days: ClosedRange<Day>?

    /// The months with `I alt` last (flow tables).
    var monthSlots: [YearMonth?] { months.map { Optional($0) } + [nil] }
    /// The a-kasse codes with `I alt` last.
    var akasseSlots: [String?] { akasser.map { Optional($0.code) } + [nil] }

    /// Whether `d` falls in a month of the grid.
    func contains(_ d: Day) -> Bool { days.map { $0.contains(d) } ?? monthSet.contains(d.yearMonth) }

    static func monthLabel(_ m: YearMonth?) -> MeasureCell { .label(m?.label ?? total) }

    static func akasseLabel(_ code: String?) -> MeasureCell {
        .label(code.map { AKasse.byCode[$0]?.shortName ?? $0 } ?? total)
    }
}
