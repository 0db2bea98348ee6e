/// A small deterministic random generator (SplitMix64), so fuzz cases reproduce from their seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// `count` texts, each up to `maxPieces` of `pieces` joined (tests of fast paths feed them
    /// near misses of what they look for).
    public mutating func texts(from pieces: [String], count: Int, maxPieces: Int) -> [String] {
        (0..<count).map { _ in (0..<Int.random(in: 0...maxPieces, using: &self)).map { _ in pieces.randomElement(using: &self)! }.joined() }
    }
}
