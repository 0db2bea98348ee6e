import Foundation
import Testing
import TestSupport
@testable import INFLint

/// README's rule table lists every rule, with its current name.
struct DocumentationTests {
    @Test func readmeListsEveryRule() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for info in RuleRegistry.infos {
            #expect(readme.contains("| \(info.code) | `\(info.name)` |"), "README's rule table lacks \(info.code) \(info.name)")
        }
    }

    @Test func everyRuleFileIsRegistered() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Sources/INFLint/Rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count == RuleRegistry.all.count, "a file under Rules/ is not in AllRules.swift")
    }
}
