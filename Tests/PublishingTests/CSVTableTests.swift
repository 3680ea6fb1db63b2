import Foundation
import Publishing
import Testing

@Suite struct CSVTableTests {
    @Test func quotesOnlyFieldsThatNeedIt() {
        var t = CSVTable(header: ["a", "b", "c"])
        t.append(["plain", "semi;colon", "say \"hi\""])
        t.append(["line\nbreak", "", "æøå"])
        #expect(t.text == "a;b;c\nplain;\"semi;colon\";\"say \"\"hi\"\"\"\n\"line\nbreak\";;æøå\n")
    }

    @Test func parseReadsWhatWasWritten() throws {
        var t = CSVTable(header: ["x", "y"])
        t.append(["1;2", "\"q\""])
        t.append(["a\r\nb", ""])
        let back = try CSVTable.parse(t.text)
        #expect(back == t)
        #expect(try back.column("y") == 1)
        #expect(throws: CSVParseError.self) { try back.column("z") }
    }

    @Test func parseRejectsRaggedRows() {
        #expect(throws: CSVParseError.self) { try CSVTable.parse("a;b\n1\n") }
        #expect(throws: CSVParseError.self) { try CSVTable.parse("a;b\n\"1;2\n") }
    }
}

@Suite struct DanishNumberTests {
    @Test func thousandsSeparator() {
        #expect(DanishNumber.integer(0) == "0")
        #expect(DanishNumber.integer(999) == "999")
        #expect(DanishNumber.integer(1234) == "1.234")
        #expect(DanishNumber.integer(1234567) == "1.234.567")
        #expect(DanishNumber.integer(1234, grouped: false) == "1234")
    }

    @Test func roundsHalfUpWithDecimalComma() {
        #expect(DanishNumber.decimal(84.988, decimals: 2) == "84,99")
        #expect(DanishNumber.decimal(84.988, decimals: 0) == "85")
        #expect(DanishNumber.decimal(2.25, decimals: 1) == "2,3")
        #expect(DanishNumber.decimal(0.5, decimals: 0) == "1")
        #expect(DanishNumber.decimal(0.49, decimals: 0) == "0")
        #expect(DanishNumber.decimal(100, decimals: 2) == "100,00")
        #expect(DanishNumber.percent(1.0 / 3.0, decimals: 2) == "33,33")
        #expect(DanishNumber.percent(0.125, decimals: 1) == "12,5")
        #expect(DanishNumber.percent(0.0, decimals: 0) == "0")
    }
}
