import Testing
@testable import ColumnStore

@Suite struct DayTests {
    @Test func roundTripsCivilDates() {
        let d = Day(year: 2020, month: 2, day: 29)!
        #expect(d.description == "2020-02-29")
        #expect(Day(iso: "2020-02-29") == d)
        #expect(Day(year: 1970, month: 1, day: 1)!.rawValue == 0)
        #expect(Day(year: 2021, month: 2, day: 30) == nil)
    }

    @Test("description: YYYY-MM-DD, zero-padded, for every day of years 0...9999 as the padded parts give it; others padded too")
    func descriptionMatchesItsParts() {
        // Day numbers are days from 1970-01-01: -719,162 is 0001-01-01, 2,932,896 is 9999-12-31.
        var d = Day(rawValue: -719_162)
        #expect(d.description == "0001-01-01")
        while d.rawValue <= 2_932_896 {
            let c = d.components
            let expected = String(repeating: "0", count: 4 - String(c.year).count) + String(c.year) + "-"
                + (c.month < 10 ? "0" : "") + String(c.month) + "-" + (c.day < 10 ? "0" : "") + String(c.day)
            guard d.description == expected else { Issue.record("\(d.rawValue): \(d.description) != \(expected)"); return }
            d = d + 97   // every 97th day: every month and day-of-month turns up
        }
        #expect(Day(year: 2026, month: 1, day: 9)!.description == "2026-01-09")
        #expect(Day(rawValue: 2_932_896).description == "9999-12-31")
        #expect(Day(rawValue: 2_932_897).description == "10000-01-01")
    }

    @Test("CONV-3 adding months clamps to the month's last day")
    func addingMonthsClamps() {
        #expect(Day(iso: "2020-02-29")!.addingMonths(-12) == Day(iso: "2019-02-28"))
        #expect(Day(iso: "2022-03-31")!.addingMonths(9) == Day(iso: "2022-12-31"))
        #expect(Day(iso: "2022-06-30")!.addingMonths(9) == Day(iso: "2023-03-30"))
    }

    @Test("CONV-4 weekdays")
    func weekdays() {
        #expect(Day(iso: "2024-01-01")!.isoWeekday == 1) // Monday
        #expect(Day(iso: "2023-04-01")!.isWeekday == false) // Saturday
        #expect(Day(iso: "1970-01-01")!.isoWeekday == 4)
    }

    @Test("CONV-4 weekdays in a...b: whole weeks at five, the rest day by day; none when b < a; wd(m) of the worked months")
    func weekdayCounts() {
        let start = Day(iso: "2023-12-25")!   // a Monday
        for offset in 0..<9 {
            let a = start + offset
            for length in -1..<30 {
                let b = a + length
                var counted = 0
                var d = a
                while d <= b { if d.isWeekday { counted += 1 }; d = d + 1 }
                #expect(ColumnStore.weekdays(a, b) == counted, "\(a)...\(b)")
            }
        }
        #expect(ColumnStore.weekdays(in: YearMonth(year: 2024, month: 1)) == 23)
        #expect(ColumnStore.weekdays(in: YearMonth(year: 2024, month: 2)) == 21)
    }
}
