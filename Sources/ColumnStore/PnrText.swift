/// The 10-digit text of a pnr (INPUTS.md): the compact integer key of the extract and
/// normalised tables written back with its leading zeros.
public enum PnrText {
    /// `47266887` → `0047266887`.
    public static func of(_ key: Int64) -> String { padded(String(key)) }

    /// Digits padded with leading zeros to 10 (longer text is returned as it is).
    public static func padded(_ digits: String) -> String {
        digits.count >= 10 ? digits : String(repeating: "0", count: 10 - digits.count) + digits
    }
}
