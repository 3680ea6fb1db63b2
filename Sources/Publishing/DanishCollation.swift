/// Danish alphabetical order for kommune names (RULES.md FSG-0.8): the letters a-z, then
/// Æ < Ø < Å, with "Aa" sorted as "Å" (so Vordingborg < Ærø < Aabenraa < Aarhus, and
/// Furesø < Faaborg-Midtfyn). Case is ignored first and breaks ties last; a space or hyphen
/// sorts before every letter.
public enum DanishCollation {
    /// Whether `a` sorts before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let ka = key(a), kb = key(b)
        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
        return a < b
    }

    /// `names` in Danish order.
    public static func sorted(_ names: [String]) -> [String] { names.sorted(by: precedes) }

    /// The collation key: one weight per letter (`aa` one weight, that of `å`).
    public static func key(_ s: String) -> [UInt32] {
        let scalars = Array(s.lowercased().unicodeScalars)
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "a", i + 1 < scalars.count, scalars[i + 1] == "a" {
                out.append(weight("å"))
                i += 2
                continue
            }
            out.append(weight(c))
            i += 1
        }
        return out
    }

    static func weight(_ c: Unicode.Scalar) -> UInt32 {
        switch c {
        case "æ", "ä": return 1_000 + 27
        case "ø", "ö": return 1_000 + 28
        case "å": return 1_000 + 29
        case "é", "è": return 1_000 + 5
        case "ü": return 1_000 + 21
        case "a"..."z": return 1_000 + (c.value - 96)
        case "0"..."9": return 500 + c.value
        case " ", "-": return 1
        default: return 2_000 + c.value
        }
    }
}
