import Foundation
import Testing
import TestSupport
@testable import INFLint
@testable import INFSyntax

/// Damaged files (seeded mutations of the corpus) lint in every mode without a crash, every
/// finding points inside its file, and safe fixes give text that reads back byte for byte and
/// can be written in the file's encoding.
struct DamagedFileLintTests {
    /// Mutations per corpus file; DRVKIT_FUZZ_ROUNDS for a longer local run.
    static let rounds = CorpusMutation.rounds(default: 1)

    @Test func damagedFilesLintAndFixSafely() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        var rng = SeededGenerator(seed: 0xDA3A_6ED1)
        let linters = LintMode.allCases.map { Linter(mode: $0) }
        for (i, url) in TestPaths.corpusFiles().enumerated() {
            let original = [UInt8](try Data(contentsOf: url))
            for round in 0..<Self.rounds {
                let name = "file \(i) round \(round) (\(TestPaths.corpusName(url)))"
                let tree = SyntaxTree(bytes: CorpusMutation.mutate(original, &rng))
                let count = tree.source.units.count
                for linter in linters {
                    for finding in linter.lint(tree: tree, path: "x.inf").findings {
                        let inside = finding.range.lowerBound >= 0 && finding.range.lowerBound <= finding.range.upperBound
                            && finding.range.upperBound <= count
                        #expect(inside, "\(name), \(linter.mode.rawValue): \(finding.code) at \(finding.range) is outside the file")
                    }
                    let (fixed, applied) = linter.fix(tree: tree, path: "x.inf")
                    guard applied > 0 else { continue }
                    let reread = SyntaxTree(source: SourceText(units: fixed, encoding: tree.source.encoding, oddByte: tree.source.oddByte))
                    #expect(reread.printedUnits() == fixed, "\(name), \(linter.mode.rawValue): the fixed text does not round-trip")
                    #expect(throws: Never.self, "\(name), \(linter.mode.rawValue)") { try reread.printedBytes() }
                }
            }
        }
    }
}
