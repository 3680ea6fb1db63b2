/// The 10-digit text of a pnr (INPUTS.md): the compact integer key of the extract and
/// normalised tables written back with its leading zeros.
public enum PnrText {
    /// `47266887` → `0047266887`.
    public static func of(_ key: Int64) -> String { padded(String(key)) }

    /// Appends the text of `key` (as ``of(_:)`` writes it) to `strings` as one row, digit by digit
    /// without making a `String`: a column of millions of pnr.
    public static func append(_ key: Int64, to strings: inout StringStorage) {
        guard key >= 0 else { strings.append(of(key)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var v = UInt64(key), at = 20
            repeat {
                at -= 1
                buffer[at] = UInt8(48 + v % 10)
                v /= 10
            } while v > 0
            while 20 - at < 10 {
                at -= 1
                buffer[at] = 48
            }
            strings.append(utf8: UnsafeBufferPointer(rebasing: buffer[at..<20]))
        }
    }

    /// Digits padded with leading zeros to 10 (longer text is returned as it is).
    public static func padded(_ digits: String) -> String {
        digits.count >= 10 ? digits : String(repeating: "0", count: 10 - digits.count) + digits
    }

    /// The compact key of the pnr text in row `row` of `strings` (`0047266887` → `47266887`);
    /// nil when the text is not all digits or empty.
    public static func key(_ strings: StringStorage, _ row: Int) -> Int64? {
        let a = Int(strings.offsets[row]), b = Int(strings.offsets[row + 1])
        guard a < b, b - a <= 18 else { return nil }
        var v: Int64 = 0
        for i in a..<b {
            let c = strings.bytes[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int64(c - 48)
        }
        return v
    }
}
