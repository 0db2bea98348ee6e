import Foundation
import Testing
import TestSupport
@testable import INFLint

/// README's rule table lists every rule, with its current name, modes, severities, InfVerif code and fix.
struct DocumentationTests {
    @Test func readmeListsEveryRule() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for info in RuleRegistry.infos {
            let (modes, severities) = info.modesAndSeverities
            let row = "| \(info.code) | `\(info.name)` | \(modes) | \(severities) | \(info.infVerif.map(String.init) ?? "") | \(info.fix?.safety.rawValue ?? "") |"
            #expect(readme.contains(row + "\n"), "README's rule table should have: \(row)")
        }
    }

    @Test func everyRuleFileIsRegistered() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Sources/INFLint/Rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count == RuleRegistry.all.count, "a file under Rules/ is not in AllRules.swift")
    }
}
