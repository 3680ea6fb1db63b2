/// The raw text of a rejected line, kept byte for byte in a UTF-8 file (README "Bad input"):
/// valid UTF-8 is written as it is, every byte that is not part of valid UTF-8 as `\xNN`
/// (two uppercase hex digits) and a backslash as `\\`, so ``unescape(_:)`` gives back
/// exactly the bytes of the line.
public enum RawLine {
    /// The text of `bytes` with invalid UTF-8 bytes escaped.
    public static func escape<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        while i < b.count {
            let n = validSequenceLength(b, at: i)
            if n == 0 {
                out += Array("\\x".utf8) + hex(b[i])
                i += 1
            } else if b[i] == 0x5C {
                out += [0x5C, 0x5C]
                i += 1
            } else {
                out += b[i..<(i + n)]
                i += n
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes behind a text made by ``escape(_:)``.
    public static func unescape(_ text: String) -> [UInt8] {
        let s = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == 0x5C, i + 1 < s.count {
                if s[i + 1] == 0x5C { out.append(0x5C); i += 2; continue }
                if s[i + 1] == 0x78, i + 3 < s.count, let v = UInt8(String(decoding: s[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                    out.append(v); i += 4; continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    private static func hex(_ v: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(v >> 4)], digits[Int(v & 15)]]
    }

    /// The length of the valid UTF-8 sequence starting at `i`, or 0 (RFC 3629: no overlong
    /// forms, no surrogates, nothing above U+10FFFF). A NUL byte counts as invalid.
    private static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let c = b[i]
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < b.count && range.contains(b[i + k])
        }
        switch c {
        case 0x01...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
