import Testing
@testable import INFLint
import INFModel
@testable import INFSyntax

/// Every rule's documented examples: passing ones are silent, triggering ones fire exactly at `↓`.
struct RuleExampleTests {
    static let codes = RuleRegistry.infos.map(\.code)

    static func lint(_ example: RuleExample, _ info: RuleInfo) -> [Finding] {
        let tree = SyntaxTree(bytes: Array(example.source.utf8))
        return linter(for: example, info).lint(tree: tree, path: "example.inf").findings
    }

    /// The rule alone in its mode; with the example's package folder, as `lint --package` would give it.
    static func linter(for example: RuleExample, _ info: RuleInfo) -> Linter {
        var linter = Linter(mode: example.mode ?? info.mode, select: [info.code])
        if let folder = example.packageFolder { linter.packageFolderInspector = { _, _ in folder } }
        linter.expectedProvider = example.expectedProvider
        linter.targetOS = example.targetOS.flatMap { TargetPlatform(osver: $0) }
        return linter
    }

    @Test(arguments: codes)
    func examples(_ code: String) throws {
        let info = try #require(RuleRegistry.info(code))
        #expect(!info.triggering.isEmpty && !info.passing.isEmpty, "\(code) needs triggering and passing examples")
        for example in info.triggering + info.passing where info.readsPackageFolder {
            #expect(example.packageFolder != nil, "\(code) reads the package folder: its examples need one")
        }
        for example in info.triggering + info.passing where info.needsExpectedProvider {
            #expect(example.expectedProvider != nil, "\(code) compares with --provider: its examples need one")
        }
        for example in info.triggering + info.passing where info.needsTargetOS {
            #expect(example.targetOS != nil, "\(code) lints for one Windows: its examples need --osver")
        }
        for example in info.passing {
            let findings = Self.lint(example, info)
            #expect(findings.isEmpty, "\(code) fires on its passing example: \(findings.map(\.message))")
        }
        for example in info.triggering {
            let findings = Self.lint(example, info)
            #expect(findings.map(\.range.lowerBound) == example.markerOffsets, "\(code): \(findings.map { "\($0.range) \($0.message)" })")
        }
    }

    @Test(arguments: codes)
    func safeFixesCleanTheExampleAndAreIdempotent(_ code: String) throws {
        let info = try #require(RuleRegistry.info(code))
        guard info.fix?.safety == .safe else { return }
        for example in info.triggering {
            let tree = SyntaxTree(bytes: Array(example.source.utf8))
            let linter = Self.linter(for: example, info)
            let (fixed, applied) = linter.fix(tree: tree, path: "example.inf")
            #expect(applied > 0, "\(code): no fix applied")
            let fixedTree = SyntaxTree(source: SourceText(units: fixed, encoding: tree.source.encoding))
            #expect(linter.lint(tree: fixedTree, path: "example.inf").findings.isEmpty, "\(code): still fires after --fix")
            let (again, _) = linter.fix(tree: fixedTree, path: "example.inf")
            #expect(again == fixed, "\(code): fixing twice changes the file")
        }
    }

    @Test func catalogueIsWellFormed() {
        var codes = Set<String>(), names = Set<String>()
        for info in RuleRegistry.infos {
            #expect(info.code.count == 6 && info.code.hasPrefix("DK") && info.code.dropFirst(2).allSatisfy(\.isNumber), "\(info.code)")
            #expect(codes.insert(info.code).inserted, "duplicate code \(info.code)")
            #expect(names.insert(info.name).inserted, "duplicate name \(info.name)")
            #expect(info.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(info.name) is not kebab-case")
            #expect(!info.summary.isEmpty && !info.whatItDoes.isEmpty && !info.whyBad.isEmpty, "\(info.code) docs")
            for heading in ["## What it does", "## Why is this bad?", "## Example", "## References"] {
                #expect(info.documentation.contains(heading), "\(info.code) docs lack \(heading)")
            }
            #expect(info.family != "other", "\(info.code) has no family")
        }
    }
}
