import ColumnStore

/// Builds one output line as ASCII/UTF-8 bytes without going through `String`.
///
/// The generator formats every record through this type; it is the hot path,
/// so everything appends into a reused byte array.
struct LineBuilder {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(128) }

    @inline(__always) mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func sep() { bytes.append(UInt8(ascii: ";")) }

    @inline(__always) mutating func ascii(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func text(_ s: String) {
        var t = s
        t.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func char(_ c: UInt8) { bytes.append(c) }

    /// `v` zero-padded to `width` digits (v >= 0).
    @inline(__always) mutating func digits(_ v: Int, width: Int) {
        var buf: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var x = v
        withUnsafeMutableBytes(of: &buf) { p in
            for i in stride(from: width - 1, through: 0, by: -1) {
                p[i] = UInt8(truncatingIfNeeded: 48 + x % 10)
                x /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[0..<width]))
        }
    }

    /// `v` without padding (v >= 0).
    mutating func number(_ v: Int) {
        var w = 1
        var t = v
        while t >= 10 { t /= 10; w += 1 }
        digits(v, width: w)
    }

    /// `YYYY-MM-DD`.
    @inline(__always) mutating func date(_ d: Day) {
        let c = d.components
        digits(c.year, width: 4); char(45); digits(c.month, width: 2); char(45); digits(c.day, width: 2)
    }

    /// `YYYY-MM-DD` or nothing for an open end.
    @inline(__always) mutating func date(_ d: Day?) { if let d { date(d) } }

    /// `YYYYMMDD` (FLEUR).
    @inline(__always) mutating func compactDate(_ d: Day) {
        let c = d.components
        digits(c.year, width: 4); digits(c.month, width: 2); digits(c.day, width: 2)
    }

    /// `YYYY-MM`.
    mutating func month(_ m: YearMonth) { digits(m.year, width: 4); char(45); digits(m.month, width: 2) }

    /// Hundredths as a decimal-comma number: 16033 → `160,33`.
    mutating func decimalHours(_ hundredths: Int) {
        number(hundredths / 100); char(44); digits(hundredths % 100, width: 2)
    }

    /// A 10-digit pnr.
    @inline(__always) mutating func pnr(_ p: Int64) { digits(Int(p), width: 10) }

    /// Pads with spaces up to `length` bytes.
    mutating func pad(to length: Int) {
        while bytes.count < length { bytes.append(32) }
    }
}

extension StaticString {
    /// Byte-wise equality (StaticString has no `==`).
    func same(_ other: StaticString) -> Bool {
        withUTF8Buffer { a in other.withUTF8Buffer { b in a.elementsEqual(b) } }
    }
}
