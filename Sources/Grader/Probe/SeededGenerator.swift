// The run's randomness: SplitMix64 from `--seed`, so a grade is reproduced exactly by its seed
// (the generator is written out because the standard library's is not seedable).

/// SplitMix64 (Steele, Lea and Flood, 2014): a seedable generator with a full 2⁶⁴ period.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    public mutating func below(_ bound: UInt32) -> UInt32 { UInt32(next(upperBound: UInt64(bound))) }

    /// A random 32-bit word.
    public mutating func word() -> UInt32 { UInt32(truncatingIfNeeded: next()) }

    /// A seed for a run that was given none.
    public static func freshSeed() -> UInt64 { UInt64.random(in: 1...UInt64.max) }
}
