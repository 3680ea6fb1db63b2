/// The last check before a file leaves the building (OUTPUTS.md: "No pnr ever appears in
/// `published/` or `report/`"): a pnr is a 10-digit string, so any run of ten or more digits is
/// refused. Published counts carry thousands separators, so no figure looks like one.
public enum PnrGuard {
    /// Whether `text` holds a run of at least 10 ASCII digits.
    public static func holdsPnrLikeNumber(_ text: String) -> Bool {
        var run = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                run += 1
                if run >= 10 { return true }
            } else {
                run = 0
            }
        }
        return false
    }
}
