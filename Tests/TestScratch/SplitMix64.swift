/// SplitMix64 (Steele, Lea and Flood): the tests' small seeded generator, so a failure on random
/// input reproduces from its seed. One copy for every test target (the generator of synthetic
/// data has its own, `Generator/Prng.swift`, which is part of its output's definition).
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (the next value modulo n; n > 0).
    public mutating func next(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
