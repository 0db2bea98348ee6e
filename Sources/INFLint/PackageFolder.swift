import INFModel

/// What `drvkit lint --package` found in the folder of the INF being linted: the package files the INF
/// copies, as `package build` would check them, and the names at the top of the folder. The DK8xxx
/// rules run only when the linter is given one.
public struct PackageFolder: Sendable, Hashable {
    /// A problem with a file the INF copies.
    public struct FileIssue: Sendable, Hashable {
        public var fileName: String
        /// The 1-based INF line that copies the file, when known.
        public var line: Int?
        public var kind: PackageFileProblem
        public var message: String

        public init(fileName: String, line: Int?, kind: PackageFileProblem, message: String) {
            self.fileName = fileName; self.line = line; self.kind = kind; self.message = message
        }
    }

    /// The architectures the folder is a package for (whose catalog [Version] must name).
    public var architectures: [Architecture]
    public var fileIssues: [FileIssue]
    /// Lower-cased names of the files at the top of the INF's folder (where the catalog belongs).
    public var topLevelNames: Set<String>

    public init(architectures: [Architecture] = [.amd64], fileIssues: [FileIssue] = [], topLevelNames: Set<String> = []) {
        self.architectures = architectures
        self.fileIssues = fileIssues
        self.topLevelNames = Set(topLevelNames.map { $0.lowercased() })
    }
}

/// Inspects the folder of an INF for the linter (`document`, `path`); nil when there is nothing to
/// inspect. The linter does not ask for templates, whose files are named before stamping.
public typealias PackageFolderInspector = @Sendable (_ document: INFDocument, _ path: String) -> PackageFolder?

extension LintContext {
    /// Reports the package folder's issues of one kind under `rule`, at the INF line that copies each file.
    func reportPackageIssues(_ kind: PackageFileProblem, as rule: RuleInfo, into findings: inout Findings) {
        for issue in packageFolder?.fileIssues ?? [] where issue.kind == kind {
            findings.add(rule, issue.message, at: range(ofPackageFile: issue.fileName, line: issue.line))
        }
    }

    /// Where the INF copies `name` on `line` (1-based): the file's field, else the whole line.
    func range(ofPackageFile name: String, line: Int?) -> Range<Int> {
        let lower = name.lowercased()
        if let file = copiedFiles.first(where: { $0.sourceName.lowercased() == lower && (line == nil || tree.lineNumber(of: $0.range.lowerBound) == line) }) {
            return file.range
        }
        guard let line, line >= 1, line <= tree.lines.count else { return 0..<0 }
        let node = tree.lines[line - 1]
        return Int(node.start)..<Int(node.contentEnd)
    }
}

extension RuleExample {
    /// `Dev` copying dev.sys, linted with `lint --package` on a folder holding `names`, where the
    /// package check found `issue` (a triggering example, `↓` on the copy) or nothing (a passing one).
    static func copyingDevSys(issue: (kind: PackageFileProblem, message: String)? = nil,
                              names: Set<String> = ["example.inf", "dev.sys", "dev.cat"]) -> RuleExample {
        let issues = issue.map { [PackageFolder.FileIssue(fileName: "dev.sys", line: nil, kind: $0.kind, message: $0.message)] } ?? []
        return RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\n\(issue == nil ? "" : "↓")dev.sys\n",
                           packageFolder: PackageFolder(fileIssues: issues, topLevelNames: names))
    }
}
