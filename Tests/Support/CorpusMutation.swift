import Foundation

/// Seeded damage to a file's bytes for fuzz tests: flipped bytes, truncation, inserted NULs,
/// quotes, continuations and other characters the INF syntax cares about, removed bytes.
public enum CorpusMutation {
    /// Mutations per input in fuzz tests: `default`, or DRVKIT_FUZZ_ROUNDS for a longer local run.
    public static func rounds(default count: Int) -> Int {
        Int(ProcessInfo.processInfo.environment["DRVKIT_FUZZ_ROUNDS"] ?? "") ?? count
    }

    public static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        let edits = Int.random(in: 1...8, using: &rng)
        for _ in 0..<edits {
            let position = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !b.isEmpty: b[position] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: b = Array(b.prefix(position))
            case 2: b.insert(0, at: position)
            case 3: b.insert(0x22, at: position)  // "
            case 4: b.insert(contentsOf: [0x5C, 0x0A], at: position)  // \ + newline
            case 5: b.insert([0x5B, 0x25, 0x3B, 0x1A, 0x0D, 0x3D, 0x2C].randomElement(using: &rng)!, at: position)
            default: if !b.isEmpty { b.remove(at: position) }
            }
        }
        return b
    }
}
