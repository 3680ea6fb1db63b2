import ColumnStore
import Domain

/// The labels and codes of every (group, sats) of a month (``groupLabel(_:sats:month:rules:)``,
/// ``groupCode(_:sats:month:rules:)``), by number: label columns of millions of rows are built
/// from them (``ColumnBuilder/labels(_:_:_:nullable:)``).
struct GroupLabels: Sendable {
    let labels: [String]
    let codes: [String]

    init(month: YearMonth) {
        var labels: [String] = [], codes: [String] = []
        for g in BenefitGroup.allCases {
            for s in [nil] + KHSats.allCases.map(Optional.some) {
                labels.append(groupLabel(g, sats: s, month: month))
                codes.append(groupCode(g, sats: s, month: month))
            }
        }
        self.labels = labels
        self.codes = codes
    }

    /// The number of (group, sats).
    @inline(__always) func number(_ g: BenefitGroup, _ s: KHSats?) -> Int {
        Int(g.rawValue) * (KHSats.allCases.count + 1) + (s.map { Int($0.rawValue) + 1 } ?? 0)
    }
}
