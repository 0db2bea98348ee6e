import INFSyntax

/// What the renderers need to know about a rule.
public struct ReportRule: Sendable, Hashable {
    public var code: String
    public var name: String
    public var summary: String
    /// Full documentation in Markdown.
    public var documentation: String
    public var infVerif: Int?
    public var defaultSeverity: Severity
    public init(code: String, name: String, summary: String, documentation: String, infVerif: Int?, defaultSeverity: Severity) {
        self.code = code; self.name = name; self.summary = summary; self.documentation = documentation
        self.infVerif = infVerif; self.defaultSeverity = defaultSeverity
    }
}

/// One finding, ready to render.
public struct ReportDiagnostic: Sendable, Hashable {
    public var code: String
    public var severity: Severity
    public var message: String
    public var range: Range<Int>
    public var fixTitle: String?
    public var fixEdits: [SourceEdit]
    /// The finding's own InfVerif code, when it is not its rule's.
    public var infVerif: Int?
    public init(code: String, severity: Severity, message: String, range: Range<Int>, fixTitle: String? = nil, fixEdits: [SourceEdit] = [],
                infVerif: Int? = nil) {
        self.code = code; self.severity = severity; self.message = message; self.range = range
        self.fixTitle = fixTitle; self.fixEdits = fixEdits; self.infVerif = infVerif
    }
}

/// The findings of one file.
public struct ReportFile: Sendable {
    public var path: String
    public var source: SourceText
    public var diagnostics: [ReportDiagnostic]
    /// Codes of the rules that ran on the file.
    public var rulesRun: [String]
    public init(path: String, source: SourceText, diagnostics: [ReportDiagnostic], rulesRun: [String]) {
        self.path = path; self.source = source; self.diagnostics = diagnostics; self.rulesRun = rulesRun
    }
}

/// A lint run: files and the rules their findings refer to.
public struct Report: Sendable {
    public var files: [ReportFile]
    public var rules: [String: ReportRule]
    public var toolVersion: String
    public init(files: [ReportFile], rules: [ReportRule], toolVersion: String) {
        self.files = files
        self.rules = Dictionary(rules.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.toolVersion = toolVersion
    }

    public func count(_ severity: Severity) -> Int {
        files.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == severity }.count }
    }
}

extension ReportFile {
    /// 1-based start and end line/column of a diagnostic (end exclusive, at least one column wide).
    func span(_ d: ReportDiagnostic) -> (SourceLocation, SourceLocation) {
        let start = source.location(of: d.range.lowerBound)
        var end = source.location(of: d.range.upperBound)
        if d.range.isEmpty { end.column = start.column + 1; end.line = start.line }
        return (start, end)
    }
}
