/// SplitMix64: used only to expand seeds into xoshiro state.
struct SplitMix64 {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna): the generator's only source of randomness.
///
/// Each person gets an independent stream seeded from `(seed, person index)`,
/// so a person's history does not depend on how many persons are generated
/// or in which order; `SystemRandomNumberGenerator` is never used.
struct Prng: RandomNumberGenerator {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64, stream: UInt64) {
        var sm = SplitMix64(seed ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ 0x5DEE_CE66_D1CE_4E5B)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inline(__always) mutating func next() -> UInt64 {
        let result = Prng.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Prng.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always) mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    @inline(__always) mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Uniform integer in `lo...hi` (inclusive). Multiply-shift; the tiny bias is irrelevant here.
    @inline(__always) mutating func int(_ lo: Int, _ hi: Int) -> Int {
        if hi <= lo { return lo }
        let span = UInt64(hi - lo + 1)
        return lo + Int(next().multipliedFullWidth(by: span).high)
    }

    /// Index into `weights` drawn with probability proportional to the weight.
    mutating func pick(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var u = unit() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.count - 1
    }

    /// Geometric-ish positive length with the given mean (exponential, rounded, at least `min`).
    mutating func expLength(mean: Double, min lo: Int = 1) -> Int {
        let u = Swift.max(unit(), 1e-12)
        return Swift.max(lo, Int((-mean * _log(u)).rounded()))
    }
}

@inline(__always) func _log(_ x: Double) -> Double {
    // Natural log without Foundation (keeps results identical across platforms' libm is not
    // guaranteed either, so use a portable series on the mantissa).
    var m = x
    var e = 0.0
    while m >= 2 { m /= 2; e += 1 }
    while m < 1 { m *= 2; e -= 1 }
    // ln(m) for m in [1,2): ln(m) = 2 atanh((m-1)/(m+1))
    let y = (m - 1) / (m + 1)
    let y2 = y * y
    var term = y
    var sum = 0.0
    var k = 1.0
    for _ in 0..<20 {
        sum += term / k
        term *= y2
        k += 2
    }
    return 2 * sum + e * 0.693_147_180_559_945_3
}
