/// The discretion rules of the experiment monitoring (RULES.md DISC-1..5), in one place: every
/// published Part B count, share and average goes through these functions. Totals and shares
/// are computed from the exact counts first (DISC-3, DISC-4); this type only presents them.
public enum Discretion {
    /// The symbol that replaces a small count (DISC-1).
    public static let suppressed = "*"
    /// Counts 1...2 are suppressed (DISC-1: "to eller færre personer").
    public static let smallCounts: ClosedRange<Int> = 1...2

    /// DISC-1, DISC-2, DISC-5: `*` for 1-2, the table's zero symbol for 0, otherwise the count
    /// with the Danish thousands separator (`1.234`).
    public static func count(_ n: Int, zero: ZeroSymbol) -> String {
        if n == 0 { return zero.rawValue }
        if smallCounts.contains(n) { return suppressed }
        return DanishNumber.integer(n)
    }

    /// DISC-4, DISC-5: a share (fraction 0...1) resting on `basis` cases: the undefined symbol
    /// over none, `*` over 1-2, otherwise percent rounded half up to `decimals` (whole percents
    /// in tables, one decimal for Måling 4.1/4.2), decimal comma.
    public static func share(_ fraction: Double?, basis: Int, decimals: Int = 0, undefined: UndefinedSymbol = .dot) -> String {
        guard basis > 0, let f = fraction, f.isFinite else { return undefined.rawValue }
        if smallCounts.contains(basis) { return suppressed }
        return DanishNumber.percent(f, decimals: decimals)
    }

    /// DISC-4, DISC-5: an average over `basis` cases is treated like a share: `.` over none,
    /// `*` over 1-2, otherwise one decimal (`2,6`).
    public static func average(_ value: Double?, basis: Int, decimals: Int = 1) -> String {
        guard basis > 0, let v = value, v.isFinite else { return UndefinedSymbol.dot.rawValue }
        if smallCounts.contains(basis) { return suppressed }
        return DanishNumber.decimal(v, decimals: decimals, grouped: true)
    }
}
