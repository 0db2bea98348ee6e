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
    static let rounds = CorpusMutation.rounds(default: 6)

    static func exercise(_ bytes: [UInt8], _ name: String) throws {
        let tree = SyntaxTree(bytes: bytes)
        let roundTrips = try tree.printedBytes() == bytes
        #expect(roundTrips, "\(name): does not round-trip")
        let document = INFDocument(tree: tree)
        _ = document.openError
        for section in document.sections { _ = document.lines(of: section).map(\.text) }
        _ = document.version
        _ = document.models(for: .windows10(.amd64))
        let formatted = CanonicalFormatter.format(tree)
        let again = SyntaxTree(source: SourceText(units: formatted, encoding: tree.source.encoding, oddByte: tree.source.oddByte))
        let idempotent = CanonicalFormatter.format(again) == formatted
        #expect(idempotent, "\(name): formatting is not idempotent")
        // What SetupAPI reads does not change; a refused file keeps its error, whose line may move
        // (`formatCheckingReading` then leaves the file as written).
        let before = SetupAPIReading(document), after = SetupAPIReading(INFDocument(tree: again))
        if before.refusal == nil {
            #expect(after == before, "\(name): formatting changed what SetupAPI reads")
        } else {
            #expect(after.refusal?.code == before.refusal?.code, "\(name): formatting changed SetupAPI's error")
        }
        let checked = CanonicalFormatter.formatCheckingReading(tree)
        #expect(checked.keptAsWritten == nil || checked.units == tree.source.units)
    }

    @Test func mutatedCorpusFiles() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        var rng = SeededGenerator(seed: 0x5EED_1234)
        for (i, url) in TestPaths.corpusFiles().enumerated() {
            let original = [UInt8](try Data(contentsOf: url))
            for round in 0..<Self.rounds {
                let mutated = CorpusMutation.mutate(original, &rng)
                let name = "file \(i) round \(round) (\(TestPaths.corpusName(url)))"
                let start = Date()
                try Self.exercise(mutated, name)
                #expect(Date().timeIntervalSince(start) < Self.hangLimit, "\(name)")
            }
        }
    }

    @Test(arguments: [UInt8(0x22), 0x5C, 0x25, 0x5B, 0x3B, 0x2C, 0x3D, 0x0D, 0x00])
    func pathologicalRuns(_ byte: UInt8) throws {
        let body = [UInt8](repeating: byte, count: 200_000)
        let start = Date()
        try Self.exercise(Array("[Version]\nSignature=$Windows NT$\n[S]\nk=".utf8) + body + [0x0A] + body, "a run of \(byte)")
        #expect(Date().timeIntervalSince(start) < Self.hangLimit)
    }
}
