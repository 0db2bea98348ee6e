import Foundation
import Testing
import TestSupport
@testable import INFModel
@testable import INFSyntax

/// Damaged input never crashes or hangs the parser, the model or the formatter, and still
/// round-trips byte for byte. Mutations are seeded, so a failure names a reproducible case.
struct MutationFuzzTests {
    /// Hang detection only (not a performance target): real parses take milliseconds.
    static let hangLimit: TimeInterval = 10
    /// Mutations per corpus file; set DRVKIT_FUZZ_ROUNDS for a longer local run.
    static let rounds = Int(ProcessInfo.processInfo.environment["DRVKIT_FUZZ_ROUNDS"] ?? "") ?? 6

    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
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

    static func exercise(_ bytes: [UInt8]) throws {
        let tree = SyntaxTree(bytes: bytes)
        let roundTrips = try tree.printedBytes() == bytes
        #expect(roundTrips, "does not round-trip")
        let document = INFDocument(tree: tree)
        _ = document.openError
        for section in document.sections { _ = document.lines(of: section).map(\.text) }
        _ = document.version
        _ = document.models(for: .windows10(.amd64))
        let formatted = CanonicalFormatter.format(tree)
        let again = SyntaxTree(source: SourceText(units: formatted, encoding: tree.source.encoding, oddByte: tree.source.oddByte))
        let idempotent = CanonicalFormatter.format(again) == formatted
        #expect(idempotent, "formatting is not idempotent")
    }

    @Test func mutatedCorpusFiles() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        var rng = SeededGenerator(seed: 0x5EED_1234)
        for (i, url) in TestPaths.corpusFiles().enumerated() {
            let original = [UInt8](try Data(contentsOf: url))
            for round in 0..<Self.rounds {
                let mutated = Self.mutate(original, &rng)
                let start = Date()
                try Self.exercise(mutated)
                #expect(Date().timeIntervalSince(start) < Self.hangLimit, "file \(i) round \(round) (\(TestPaths.corpusName(url)))")
            }
        }
    }

    @Test(arguments: [UInt8(0x22), 0x5C, 0x25, 0x5B, 0x3B, 0x2C, 0x3D, 0x0D, 0x00])
    func pathologicalRuns(_ byte: UInt8) throws {
        let body = [UInt8](repeating: byte, count: 200_000)
        let start = Date()
        try Self.exercise(Array("[Version]\nSignature=$Windows NT$\n[S]\nk=".utf8) + body + [0x0A] + body)
        #expect(Date().timeIntervalSince(start) < Self.hangLimit)
    }
}
