import Foundation
import INFModel
import INFSyntax

/// The result of linting one file.
public struct FileLintResult: Sendable {
    public var path: String
    public var source: SourceText
    public var findings: [Finding]
    /// The codes of the rules that ran (for JUnit's one test case per rule).
    public var rulesRun: [String]
}

/// Runs the rules over INF files.
public struct Linter: Sendable {
    public var mode: LintMode
    public var configuration: LintConfiguration
    public var select: [String]
    public var ignore: [String]
    /// The DeviceType value that `device-type-not-set`'s fix writes.
    public var fixDeviceType: UInt32 = 0x22
    /// Reads the folder of each INF for the DK8xxx rules (`drvkit lint --package`); nil leaves them out.
    public var packageFolderInspector: PackageFolderInspector?
    /// The Provider every INF must name (`drvkit lint --provider`, InfVerif /provider); nil leaves DK2018 out.
    public var expectedProvider: String?
    /// The Windows version from which the isolation rules apply (`drvkit lint --wbuild`, InfVerif /wbuild).
    public var isolationBuild = WindowsBuild.isolationDefault
    /// The one Windows to lint for (`drvkit lint --osver`, InfVerif /osver): findings in sections Windows
    /// does not install there are left out. Nil: every version the INF targets.
    public var targetOS: TargetPlatform?

    public init(mode: LintMode = .basic, configuration: LintConfiguration = .init(), select: [String] = [], ignore: [String] = []) {
        self.mode = mode; self.configuration = configuration; self.select = select; self.ignore = ignore
    }

    /// The rules that run in this mode under this configuration.
    public var activeRules: [any LintRule.Type] {
        RuleRegistry.all.filter {
            let info = Self.info(of: $0)
            return info.runs(in: mode) && configuration.isEnabled(info.code, select: select, ignore: ignore)
                && (packageFolderInspector != nil || !info.readsPackageFolder)
                && (expectedProvider != nil || !info.needsExpectedProvider)
                && (targetOS != nil || !info.needsTargetOS)
        }
    }

    /// Lints parsed text. Findings are sorted by position, suppressions applied.
    public func lint(tree: SyntaxTree, path: String) -> FileLintResult {
        let context = LintContext(document: INFDocument(tree: tree), path: path, mode: mode)
        context.fixDeviceType = fixDeviceType
        context.expectedProvider = expectedProvider
        context.isolationBuild = isolationBuild
        context.targetOS = targetOS
        // A template's files are named before stamping: its folder is not a package yet. An `.inf`
        // given with `--package` is meant to ship, placeholders or not (DK8006 reports them).
        context.packageFolder = context.isTemplateFileName ? nil : packageFolderInspector?(context.document, path)
        let suppressions = Suppressions(tree: tree)
        var all: [Finding] = []
        let rules = activeRules
        for rule in rules {
            let info = Self.info(of: rule)
            let findings = Self.run(rule, context)
            let configured = configuration.severity?.first { $0.key.uppercased() == info.code }?.value
            let severity = configured ?? info.severity(in: mode)
            let isolationScope = info.isolation && mode >= .hardwareDevCenter ? context.isolationSections : nil
            for var finding in findings.items {
                if !Self.inScope(finding, context, isolationScope: isolationScope) { continue }
                if context.isTemplate && Template.hasOpaquePlaceholders(tree.source.units[Self.lineRange(of: finding.range, in: tree)]) { continue }
                if suppressions.isSuppressed(finding.code, line: tree.lineNumber(of: finding.range.lowerBound)) { continue }
                finding.severity = severity
                all.append(finding)
            }
        }
        all.sort { ($0.range.lowerBound, $0.code) < ($1.range.lowerBound, $1.code) }
        return FileLintResult(path: path, source: tree.source, findings: all, rulesRun: rules.map { Self.info(of: $0).code })
    }

    /// Whether a finding is about a section this lint looks at: not one that only Windows versions
    /// before `--wbuild` install (for isolation rules, `isolationScope`), nor one Windows does not
    /// install on the `--osver` target. Findings outside any reached section always count.
    static func inScope(_ finding: Finding, _ context: LintContext, isolationScope: Set<String>?) -> Bool {
        let scopes = [isolationScope, context.targetOSSections].compactMap { $0 }
        guard !scopes.isEmpty, let section = context.subjectSection(at: finding.range.lowerBound), context.role(of: section) != nil else { return true }
        return scopes.allSatisfy { $0.contains(section) }
    }

    /// The whole lines a range touches (placeholders anywhere on them make a template finding moot).
    static func lineRange(of range: Range<Int>, in tree: SyntaxTree) -> Range<Int> {
        let units = tree.source.units
        var lo = min(range.lowerBound, units.count), hi = min(max(range.upperBound, lo), units.count)
        while lo > 0 && units[lo - 1] != 0x0A { lo -= 1 }
        while hi < units.count && units[hi] != 0x0A { hi += 1 }
        return lo..<hi
    }

    static func info<R: LintRule>(of rule: R.Type) -> RuleInfo { R.info }

    /// Runs one rule (generic, so the rule type is opened from its existential).
    static func run<R: LintRule>(_ rule: R.Type, _ context: LintContext) -> Findings {
        var findings = Findings()
        R().check(context, into: &findings)
        return findings
    }

    /// Reads and lints one file (throws ``INFInputError`` for unreadable input).
    public func lint(path: String) throws -> FileLintResult {
        lint(tree: try INFInput.load(path: path), path: path)
    }

    /// Applies the safe fixes of `result` until nothing changes (at most a few rounds).
    /// Returns the new text and how many fixes were applied.
    public func fix(tree: SyntaxTree, path: String) -> (units: [UInt16], applied: Int) {
        var units = tree.source.units
        var total = 0
        for _ in 0..<4 {
            let current = SyntaxTree(source: SourceText(units: units, encoding: tree.source.encoding, oddByte: tree.source.oddByte))
            let edits = lint(tree: current, path: path).findings.compactMap { $0.fix }.filter { $0.safety == .safe }.flatMap(\.edits)
            if edits.isEmpty { break }
            let (next, applied) = FixApplier.apply(edits, to: units)
            if applied == 0 || next == units { break }
            units = next
            total += applied
        }
        return (units, total)
    }

    /// Every `*.inf`, `*.inx` and `*.inf.in` file under `path` (case-insensitive), sorted; `path`
    /// itself when it is not a folder.
    public static func collectFiles(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        var files: [String] = []
        let base = URL(fileURLWithPath: path)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let name = url.lastPathComponent.lowercased()
            guard name.hasSuffix(".inf") || name.hasSuffix(".inx") || name.hasSuffix(".inf.in") else { continue }
            guard INFInput.isRegularFileOrMissing(url.path) else { continue }   // not a FIFO, nor a folder named x.inf
            let relative = String(url.path.dropFirst(base.path.count)).drop { $0 == "/" }
            files.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
        }
        return files.sorted()
    }

    /// Lints files in parallel on all cores; results come back in input order. `progress` is
    /// called (from any thread) with the number of files done.
    public func lint(paths: [String], progress: (@Sendable (Int) -> Void)? = nil) -> [Result<FileLintResult, Error>] {
        let results = ResultBox(count: paths.count)
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let result = Result { try self.lint(path: paths[i]) }
            results.set(i, result)
            let n = done.increment()
            progress?(n)
        }
        return results.values
    }
}

/// Thread-safe storage for parallel results.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<FileLintResult, Error>?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<FileLintResult, Error>) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [Result<FileLintResult, Error>] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
