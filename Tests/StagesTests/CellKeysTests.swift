import ColumnStore
import Testing
@testable import Stages

/// The monitoring tables' cell keys hash their codes as integers (``CellKeyHash``) and the grid
/// tests days by range: both must agree with what they replace.
@Suite struct CellKeysTests {
    @Test("CellKeyHash: equal keys hash alike, also for non-ASCII and long codes; nil and codes stay apart in the table")
    func equalKeysHashAlike() {
        let codes: [String?] = [nil, "", "0", "00", "01", "09", "\0", "1234567", "12345678", "æøå", "Å", "A\u{30A}", "I alt"]
        for a in codes {
            for b in codes where MA(m: nil, a: a) == MA(m: nil, a: b) {
                #expect(MA(m: nil, a: a).hashValue == MA(m: nil, a: b).hashValue, "\(String(describing: a)) \(String(describing: b))")
            }
        }
        // Canonically equal strings (precomposed and combining ring) are equal keys, and hash alike.
        #expect(MA(m: nil, a: "Å") == MA(m: nil, a: "A\u{30A}"))
        var t = Tally<MAC<Int>>()
        for a in codes { for c in [nil, 1] as [Int?] { t.add(MAC(m: YearMonth("2021-03")!, a: a, c: c)) } }
        #expect(t.counts.count == 2 * (codes.count - 1))   // "Å" and "A\u{30A}" are one key
        #expect(t[MAC(m: YearMonth("2021-03")!, a: "Å", c: 1)] == 2)
        #expect(t[MAC(m: YearMonth("2021-03")!, a: nil, c: nil)] == 1)
    }

    @Test("MonitoringGrid.contains: a day is in the grid exactly when its month is one of the grid's")
    func gridContainsByRange() {
        let months = (0..<7).map { YearMonth("2020-09")!.advanced(by: $0) }
        let grid = MonitoringGrid(month: months.last!, months: months)
        var d = YearMonth("2020-07")!.first
        var inside = 0
        while d <= YearMonth("2021-06")!.last {
            #expect(grid.contains(d) == months.contains(d.yearMonth), "\(d)")
            if grid.contains(d) { inside += 1 }
            d = d + 1
        }
        #expect(inside == months.reduce(0) { $0 + ($1.last - $1.first + 1) })
        // Months with a gap are tested one by one.
        let gapped = MonitoringGrid(month: months.last!, months: [months[0], months[2]])
        #expect(!gapped.contains(months[1].first) && gapped.contains(months[2].last) && gapped.contains(months[0].first))
    }
}
