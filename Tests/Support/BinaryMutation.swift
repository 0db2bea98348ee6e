/// Seeded damage to binary files (PE images, DER) for fuzz tests: flipped and inserted bytes,
/// truncation, removed bytes, 32-bit fields set to extremes and DER lengths made long-form, half
/// of them in the first kilobyte, where the headers are.
public enum BinaryMutation {
    public static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            guard !b.isEmpty else { break }
            let limit = Bool.random(using: &rng) ? min(b.count, 1024) : b.count
            let p = Int.random(in: 0..<limit, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: b[p] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: b = Array(b.prefix(p))
            case 2: b.insert(UInt8.random(in: 0...255, using: &rng), at: p)
            case 3: b.remove(at: p)
            case 4:
                let extremes: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, UInt32(b.count), UInt32(b.count) &- 1]
                let v = extremes.randomElement(using: &rng)!
                for k in 0..<4 where p + k < b.count { b[p + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
            default:
                b[p] = [0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x88, 0xFF].randomElement(using: &rng)!
            }
        }
        return b
    }
}
