import Foundation
import Testing
import TestSupport
@testable import INFLint
@testable import INFSyntax

/// Every corpus file lints in every mode without a crash, every finding points inside its file,
/// and the per-rule counts match the checked-in summary (so behaviour changes show up in review).
/// Re-record with DRVKIT_RECORD=1 after checking the new counts.
struct CorpusLintTests {
    static let summaryFile = TestPaths.fixtures.appendingPathComponent("lint/corpus-summary.txt")

    @Test func corpusLintsCleanlyAndMatchesTheSummary() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        let files = TestPaths.corpusFiles()
        var lines: [String] = []
        for mode in LintMode.allCases {
            var counts: [String: Int] = [:]
            let linter = Linter(mode: mode)
            for url in files {
                let tree = SyntaxTree(bytes: [UInt8](try Data(contentsOf: url)))
                let result = linter.lint(tree: tree, path: url.path)
                for finding in result.findings {
                    let valid = finding.range.lowerBound >= 0 && finding.range.upperBound <= tree.source.units.count
                        && finding.range.lowerBound <= finding.range.upperBound
                    #expect(valid, "\(TestPaths.corpusName(url)): \(finding.code) at \(finding.range) is outside the file")
                    #expect(!finding.message.isEmpty)
                    counts[finding.code, default: 0] += 1
                }
            }
            for (code, count) in counts.sorted(by: { $0.key < $1.key }) {
                lines.append("\(mode.rawValue) \(code) \(RuleRegistry.info(code)?.name ?? "?") \(count)")
            }
        }
        let summary = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["DRVKIT_RECORD"] != nil {
            try summary.write(to: Self.summaryFile, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: Self.summaryFile, encoding: .utf8)
        let same = recorded == summary
        #expect(same, "corpus finding counts changed; review and re-record with DRVKIT_RECORD=1:\n\(diff(recorded, summary))")
    }

    func diff(_ a: String, _ b: String) -> String {
        let old = Set(a.split(separator: "\n")), new = Set(b.split(separator: "\n"))
        return (old.subtracting(new).sorted().map { "- \($0)" } + new.subtracting(old).sorted().map { "+ \($0)" }).joined(separator: "\n")
    }
}
