import ColumnStore
import ReferenceData

/// An exact, non-negative amount of hours kept as hundredths of an hour:
/// an integer part plus a few proper fractions `num/den` (CONV-5). Rounding
/// to 0.01 half up (DUR-7) is exact; binary floating point is never used for
/// a comparison with a threshold such as 1923.96.
public struct ExactHours: Sendable, CustomStringConvertible {
    /// Whole hundredths of an hour.
    public private(set) var whole: Int64 = 0
    /// Proper fractions of a hundredth, one per denominator: (den, num) with 0 <= num < den.
    public private(set) var fractions: [Frac] = []

    public struct Frac: Sendable, Hashable {
        public var den: Int64
        public var num: Int64
    }

    public init() {}

    /// `hundredths` whole hundredths of an hour.
    public init(hundredths: Int64) { whole = hundredths }

    /// Adds `num / den` hundredths of an hour (num >= 0, den > 0).
    public mutating func add(_ num: Int64, over den: Int64) {
        if num == 0 { return }
        if den == 1 { whole += num; return }
        whole += num / den
        let r = num % den
        if r == 0 { return }
        for i in fractions.indices where fractions[i].den == den {
            var n = fractions[i].num + r
            if n >= den { n -= den; whole += 1 }
            fractions[i].num = n
            return
        }
        fractions.append(Frac(den: den, num: r))
    }

    public mutating func add(_ other: ExactHours) {
        whole += other.whole
        for f in other.fractions { add(f.num, over: f.den) }
    }

    public static func + (a: ExactHours, b: ExactHours) -> ExactHours {
        var r = a
        r.add(b)
        return r
    }

    /// DUR-7: rounded half up to 0.01 h, in hundredths.
    public var roundedHundredths: Int64 {
        let nonzero = fractions.filter { $0.num != 0 }
        if nonzero.isEmpty { return whole }
        // Exact path: common denominator.
        var l: Int64 = 1
        var ok = true
        for f in nonzero {
            let g = gcd(l, f.den)
            let (p, o) = (l / g).multipliedReportingOverflow(by: f.den)
            if o { ok = false; break }
            l = p
        }
        if ok {
            var total: Int64 = 0
            for f in nonzero {
                let (t, o1) = (l / f.den).multipliedReportingOverflow(by: f.num)
                let (s, o2) = total.addingReportingOverflow(t)
                if o1 || o2 { ok = false; break }
                total = s
            }
            if ok {
                // floor(total / l + 1/2) = floor((2 total + l) / (2 l))
                let (t2, o3) = total.multipliedReportingOverflow(by: 2)
                let (n, o4) = t2.addingReportingOverflow(l)
                let (d, o5) = l.multipliedReportingOverflow(by: 2)
                if !(o3 || o4 || o5) { return whole + n / d }
            }
        }
        // Fallback (denominators too many to combine in 64 bits): the fraction in Double.
        var f = 0.0
        for x in nonzero { f += Double(x.num) / Double(x.den) }
        return whole + Int64((f + 0.5).rounded(.down))
    }

    /// Hours rounded to 0.01 (DUR-7), as a Double for checkpoints.
    public var roundedHours: Double { Double(roundedHundredths) / 100 }

    /// The unrounded value in hours (approximate; for display only).
    public var approximateHours: Double {
        var f = Double(whole)
        for x in fractions { f += Double(x.num) / Double(x.den) }
        return f / 100
    }

    public var isZero: Bool { whole == 0 && fractions.allSatisfy { $0.num == 0 } }

    public var description: String { "\(approximateHours) h" }
}

@inlinable func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var x = a < 0 ? -a : a, y = b < 0 ? -b : b
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : x
}
