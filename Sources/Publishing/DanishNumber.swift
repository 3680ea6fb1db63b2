/// Danish number presentation (OUTPUTS.md, DISC-5): decimal comma, `.` as the thousands
/// separator, rounding half up.
public enum DanishNumber {
    /// An integer with thousands separators when `grouped` (`1.234`), else plain (`1234`).
    public static func integer(_ n: Int, grouped: Bool = true) -> String {
        let digits = String(n.magnitude)
        guard grouped, digits.count > 3 else { return (n < 0 ? "-" : "") + digits }
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `value` rounded half up to `decimals` places, with a decimal comma (`84,99`, `85`).
    /// Thousands separators only when `grouped`.
    public static func decimal(_ value: Double, decimals: Int, grouped: Bool = false) -> String {
        precondition(decimals >= 0 && decimals <= 6)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let negative = value < 0
        // Half up on the magnitude; a tiny epsilon absorbs binary noise (84.985 stored as 84.98499…).
        let scaled = (value.magnitude * scale * (1 + 1e-12)).rounded(.down)
        let frac = value.magnitude * scale - scaled
        var units = Int(scaled)
        if frac >= 0.5 - 1e-9 { units += 1 }
        let whole = units / Int(scale)
        var text = integer(whole, grouped: grouped)
        if decimals > 0 {
            let f = String(units % Int(scale))
            text += "," + String(repeating: "0", count: decimals - f.count) + f
        }
        return (negative && units != 0 ? "-" : "") + text
    }

    /// A share (a fraction 0..1) as percent with `decimals` places: `0.84988` → `84,99`.
    public static func percent(_ fraction: Double, decimals: Int) -> String {
        decimal(fraction * 100, decimals: decimals)
    }
}
