import ColumnStore
import Domain
import Testing
@testable import Stages

@Suite struct GroupLabelsTests {
    @Test("SPELL-7 labels by number: every (group, sats) has its own number, and its month's label and code")
    func numbersGiveTheLabels() {
        for month in [YearMonth("2025-06")!, YearMonth("2025-07")!] {
            let g = GroupLabels(month: month)
            var seen = Set<Int>()
            for group in BenefitGroup.allCases {
                for sats in [nil] + KHSats.allCases.map(Optional.some) {
                    let n = g.number(group, sats)
                    #expect(seen.insert(n).inserted)
                    #expect(g.labels[n] == groupLabel(group, sats: sats, month: month))
                    #expect(g.codes[n] == groupCode(group, sats: sats, month: month))
                }
            }
        }
    }

    @Test("ColumnBuilder.labels: row i holds the label of its code, a negative code is null")
    func labelColumn() {
        let c = ColumnBuilder.labels("x", [1, 0, -1, 1], ["a", "bæ"])
        #expect((0..<4).map { c.isNull($0) ? nil : c.text(at: $0) } == ["bæ", "a", nil, "bæ"])
        #expect(ColumnBuilder.labels("y", [0, 0], ["a"]).validity == nil)
        #expect(ColumnBuilder.labels("y", [0, 0], ["a"], nullable: true).validity != nil)
        // Empty labels and no rows: the same strings as appending each label.
        let e = ColumnBuilder.labels("z", [0, 1, 0, 1], ["", "cd"])
        guard case .utf8(let s) = e.data else { Issue.record("not utf8"); return }
        var expected = StringStorage()
        for t in ["", "cd", "", "cd"] { expected.append(t) }
        #expect(s == expected)
        #expect(ColumnBuilder.labels("z", [], ["a"]).count == 0)
    }
}
