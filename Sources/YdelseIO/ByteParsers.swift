import ColumnStore

/// Parsers for single field values, straight from bytes.
///
/// Each takes a pointer and a length (the field's bytes, valid only during
/// the call) and returns `nil` when the text is not a valid value. No
/// `String` is ever made; these run once per field on the hot path.
enum ByteParsers {
    @inline(__always)
    static func byte(_ p: UnsafeRawPointer, _ i: Int) -> UInt8 {
        p.load(fromByteOffset: i, as: UInt8.self)
    }

    /// The digit at `p[i]` as 0...9, or a value >= 10 when it is not a digit.
    @inline(__always)
    static func digit(_ p: UnsafeRawPointer, _ i: Int) -> Int {
        Int(byte(p, i) &- 0x30)
    }

    /// `count` ASCII digits from `p[start]` as a number, or `nil`.
    @inline(__always)
    static func digits(_ p: UnsafeRawPointer, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            let d = digit(p, i)
            if d > 9 { return nil }
            value = value &* 10 &+ d
        }
        return value
    }

    /// Exactly 10 ASCII digits (a pnr) as their integer value.
    @inline(__always)
    static func pnr(_ p: UnsafeRawPointer, _ n: Int) -> Int64? {
        guard n == 10, let v = digits(p, 0, 10) else { return nil }
        return Int64(v)
    }

    /// Days since 1970 of a real calendar day, or `nil` (2021-02-30, month 13).
    /// Years 1900-2155 use ``MonthTable``; others are computed.
    @inline(__always)
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int32? {
        guard month >= 1, month <= 12, day >= 1 else { return nil }
        let index = (year &- MonthTable.firstYear) &* 12 &+ (month &- 1)
        if UInt(bitPattern: index) < UInt(MonthTable.count) {
            let entry = monthTable[index]
            guard day <= Int(entry.length) else { return nil }
            return entry.start &+ Int32(truncatingIfNeeded: day &- 1)
        }
        guard year >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        return Int32(truncatingIfNeeded: Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// The first day and length of each month 1900-01...2155-12.
    nonisolated(unsafe) static let monthTable: UnsafeMutablePointer<MonthTable.Entry> = MonthTable.build()

    /// `YYYY-MM-DD`, checked and converted eight bytes at a time.
    @inline(__always)
    static func isoDate(_ p: UnsafeRawPointer, _ n: Int) -> Int32? {
        guard n == 10 else { return nil }
        let dashes: UInt64 = 0xFF00_00FF_0000_0000   // bytes 4 and 7
        let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        guard word & dashes == 0x2D00_002D_0000_0000 else { return nil }
        // The dashes read as '0' so all eight bytes can be checked as digits.
        let ymd = word & ~dashes | 0x3000_0030_0000_0000
        let dd = UInt64(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt16.self))) | 0x3030_3030_3030_0000
        guard areDigits(ymd), areDigits(dd) else { return nil }
        let v = ymd &- 0x3030_3030_3030_3030, d = dd &- 0x3030_3030_3030_3030
        return day(digit(v, 0) &* 1000 &+ digit(v, 1) &* 100 &+ digit(v, 2) &* 10 &+ digit(v, 3),
                   digit(v, 5) &* 10 &+ digit(v, 6), digit(d, 0) &* 10 &+ digit(d, 1))
    }

    /// `YYYYMMDD`, checked and converted as one word.
    @inline(__always)
    static func compactDate(_ p: UnsafeRawPointer, _ n: Int) -> Int32? {
        guard n == 8 else { return nil }
        let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        guard areDigits(word) else { return nil }
        let v = word &- 0x3030_3030_3030_3030
        return day(digit(v, 0) &* 1000 &+ digit(v, 1) &* 100 &+ digit(v, 2) &* 10 &+ digit(v, 3),
                   digit(v, 4) &* 10 &+ digit(v, 5), digit(v, 6) &* 10 &+ digit(v, 7))
    }

    /// True when all eight bytes of `word` are ASCII digits: high nibble 3,
    /// and adding 6 to the low nibble does not carry (no byte can overflow
    /// into the next once the high nibbles are known to be 3).
    @inline(__always)
    private static func areDigits(_ word: UInt64) -> Bool {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
        return word & high == threes && (word &+ 0x0606_0606_0606_0606) & high == threes
    }

    /// Byte `i` of a word of digit values (already minus '0').
    @inline(__always)
    private static func digit(_ values: UInt64, _ i: Int) -> Int {
        Int(truncatingIfNeeded: (values &>> UInt64(8 &* i)) & 0xFF)
    }

    /// `YYYY-MM`, as the first day of the month.
    @inline(__always)
    static func month(_ p: UnsafeRawPointer, _ n: Int) -> Int32? {
        guard n == 7, byte(p, 4) == 0x2D, let y = digits(p, 0, 4), let m = digits(p, 5, 2) else { return nil }
        return day(y, m, 1)
    }

    /// `YYYYMM` (the FLEUR start record), as a month.
    static func compactMonth(_ p: UnsafeRawPointer, _ n: Int) -> YearMonth? {
        guard n == 6, let y = digits(p, 0, 4), let m = digits(p, 4, 2), y >= 1, m >= 1, m <= 12 else { return nil }
        return YearMonth(year: y, month: m)
    }

    /// Hours with a decimal comma and at most two decimals (`160`, `160,5`,
    /// `160,33`), in hundredths. At least one and at most 7 digits before the comma (the
    /// hundredths fit in 32 bits), at least one after it.
    @inline(__always)
    static func decimalHours(_ p: UnsafeRawPointer, _ n: Int) -> Int64? {
        var i = 0
        var whole = 0
        while i < n {
            let d = digit(p, i)
            if d > 9 { break }
            whole = whole &* 10 &+ d
            i += 1
        }
        guard i > 0, i <= 7 else { return nil }
        if i == n { return Int64(whole) * 100 }
        guard byte(p, i) == 0x2C else { return nil }   // ','
        let decimals = n - i - 1
        guard decimals == 1 || decimals == 2 else { return nil }
        guard let fraction = digits(p, i + 1, decimals) else { return nil }
        return Int64(whole) * 100 + Int64(decimals == 1 ? fraction * 10 : fraction)
    }

    /// All-digit field (FLEUR hours × 100, zero-padded), as its value.
    @inline(__always)
    static func fixedDigits(_ p: UnsafeRawPointer, _ n: Int) -> Int64? {
        guard n > 0, n <= 18, let v = digits(p, 0, n) else { return nil }
        return Int64(v)
    }

    /// The bytes of `word` equal to `byte`, each marked by its high bit
    /// (0x80 of that byte). Exact: no carries between bytes.
    @inline(__always)
    static func marks(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }

    /// True when every byte is a space (an empty fixed-width field).
    @inline(__always)
    static func isBlank(_ p: UnsafeRawPointer, _ n: Int) -> Bool {
        for i in 0..<n where byte(p, i) != 0x20 { return false }
        return true
    }

    /// Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
    static func isValidUTF8(_ p: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i < n {
            let b0 = byte(p, i)
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF   // allowed range of the second byte
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard i + length <= n else { return false }
            let b1 = byte(p, i + 1)
            guard b1 >= lower, b1 <= upper else { return false }
            for k in 2..<length where byte(p, i + k) & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}

/// First day (days since 1970) and length of every month of 1900...2155, so a
/// date costs one table load instead of the civil-calendar arithmetic.
enum MonthTable {
    struct Entry { var start: Int32; var length: Int32 }
    static let firstYear = 1900
    static let count = 256 * 12

    /// Allocated once and never freed.
    static func build() -> UnsafeMutablePointer<Entry> {
        let table = UnsafeMutablePointer<Entry>.allocate(capacity: count)
        for i in 0..<count {
            let year = firstYear + i / 12, month = i % 12 + 1
            table[i] = Entry(start: Int32(Day.daysFromCivil(year: year, month: month, day: 1)),
                             length: Int32(Day.daysInMonth(year: year, month: month)))
        }
        return table
    }
}
