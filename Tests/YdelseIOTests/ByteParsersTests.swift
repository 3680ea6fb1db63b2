import ColumnStore
import Testing
@testable import YdelseIO

@Suite struct ByteParsersTests {
    /// The dates as the plain reading of INPUTS.md gives them: digits where digits go, a real day.
    static func reference(_ text: [UInt8], iso: Bool) -> Int32? {
        let digitAt = iso ? [0, 1, 2, 3, 5, 6, 8, 9] : [0, 1, 2, 3, 4, 5, 6, 7]
        guard text.count == (iso ? 10 : 8), digitAt.allSatisfy({ (0x30...0x39).contains(text[$0]) }),
              !iso || (text[4] == 0x2D && text[7] == 0x2D) else { return nil }
        let v = digitAt.map { Int(text[$0]) - 0x30 }
        let y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5], d = v[6] * 10 + v[7]
        guard m >= 1, m <= 12, d >= 1, d <= Day.daysInMonth(year: max(y, 1), month: m), y >= 1 else { return nil }
        return Int32(Day.daysFromCivil(year: y, month: m, day: d))
    }

    static func parse(_ text: [UInt8], iso: Bool) -> Int32? {
        // A byte after the field, as in a line, so word loads stay inside the buffer.
        (text + [0x0A]).withUnsafeBytes { iso ? ByteParsers.isoDate($0.baseAddress!, text.count) : ByteParsers.compactDate($0.baseAddress!, text.count) }
    }

    @Test("Dates read a word at a time agree with the plain reading, also for every non-digit byte in every place")
    func dates() {
        let samples = ["2023-01-31", "2024-02-29", "2023-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2155-12-31",
                       "1899-12-31", "2023-00-10", "2023-13-01", "2023-04-31", "2023-04-00"]
        for s in samples {
            let iso = Array(s.utf8)
            let compact = iso.filter { $0 != 0x2D }
            #expect(Self.parse(iso, iso: true) == Self.reference(iso, iso: true), "\(s)")
            #expect(Self.parse(compact, iso: false) == Self.reference(compact, iso: false), "\(s)")
            for i in 0..<iso.count {
                for b in [0x00, 0x20, 0x2D, 0x2F, 0x3A, 0x3F, 0x40, 0x70, 0xB0, 0xB5, 0xF9, 0xFF] as [UInt8] {
                    var t = iso; t[i] = b
                    #expect(Self.parse(t, iso: true) == Self.reference(t, iso: true), "\(t)")
                    if i < compact.count {
                        var c = compact; c[i] = b
                        #expect(Self.parse(c, iso: false) == Self.reference(c, iso: false), "\(c)")
                    }
                }
            }
        }
        #expect(Self.parse(Array("2023-01-3".utf8), iso: true) == nil)
        #expect(Self.parse(Array("2023013".utf8), iso: false) == nil)
    }

    @Test("Code lookup: every declared code, and unknown codes of every length, also ones sharing a hash slot")
    func codes() {
        let values = ["KH", "UH", "SHO", "SHOP", "REV", "FREV", "RES", "JAF", "LED", "SKH", "FTP"]
        let lookup = CodeLookup(values: values)
        func index(_ s: String) -> Int32 { Array(s.utf8).withUnsafeBytes { lookup.index($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count) } }
        for (i, v) in values.enumerated() { #expect(index(v) == Int32(i)) }
        var unknown = ["", "K", "KHX", "kh", "SHOPP", "SHOPPIN", "SHOPPING", "H", "SH"]
        for a in 0x41...0x5A { for b in 0x41...0x5A { unknown.append(String(decoding: [UInt8(a), UInt8(b)], as: UTF8.self)) } }
        for u in unknown where !values.contains(u) { #expect(index(u) == -1, "\(u)") }
        #expect(CodeLookup.kommune.index(Array("101".utf8), 3) == Int32(CodeLookup.kommune.values.firstIndex(of: "101")!))
        #expect(CodeLookup.akasse.index(Array("1".utf8), 1) == -1)
    }
}
