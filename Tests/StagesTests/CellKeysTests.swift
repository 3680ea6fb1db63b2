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

    @Test("Tally.rolledUp: counting leaves and rolling up once gives every total that adding each item's totals gives")
    func rolledUpEqualsEveryTotal() {
        let months = (0..<5).map { YearMonth("2021-01")!.advanced(by: $0) }
        let akasser = ["01", "02", "09"]
        var direct = Tally<MAC<Int>>(), leaves = Tally<MAC<Int>>()
        var directMA = Tally<MA>(), leavesMA = Tally<MA>()
        var state: UInt64 = 7
        for _ in 0..<500 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let m = months[Int(state >> 33) % months.count], a = akasser[Int(state >> 40) % akasser.count]
            let c: Int? = (state >> 50) % 4 == 0 ? nil : Int(state >> 52) % 3
            let n = Int(state >> 58) % 3 + 1
            // What the tables did before: every total of every item.
            for mm in [m, nil] { for aa in [a, nil] {
                direct.add(MAC(m: mm, a: aa, c: c), n)
                if c != nil { direct.add(MAC(m: mm, a: aa, c: nil), n) }
                directMA.add(MA(m: mm, a: aa), n)
            } }
            leaves.add(MAC(m: m, a: a, c: c), n)
            leavesMA.add(MA(m: m, a: a), n)
        }
        #expect(leaves.rolledUp(\.rollup).counts == direct.counts)
        #expect(leavesMA.rolledUp(\.rollup).counts == directMA.counts)
        #expect(direct.counts.count > leaves.counts.count)
        // A key that is already a total rolls up to the totals above it only.
        #expect(Set(MAC<Int>(m: nil, a: "01", c: 1).rollup) == [MAC(m: nil, a: "01", c: 1), MAC(m: nil, a: nil, c: 1),
                                                                 MAC(m: nil, a: "01", c: nil), MAC(m: nil, a: nil, c: nil)])
        #expect(MA(m: nil, a: nil).rollup == [MA(m: nil, a: nil)])
    }
}
