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
}
