import INFSyntax

/// An automatic fix: edits of the source text.
public struct Fix: Sendable, Hashable {
    public var title: String
    public var safety: FixSafety
    public var edits: [SourceEdit]
    public init(_ title: String, safety: FixSafety, edits: [SourceEdit]) {
        self.title = title; self.safety = safety; self.edits = edits
    }
}

/// What a rule reports: where, what, and possibly how to fix it.
public struct Finding: Sendable, Hashable {
    public var code: String
    public var message: String
    public var range: Range<Int>
    /// Set by the linter from the rule, the mode and the configuration.
    public var severity: Severity
    public var fix: Fix?
    /// The InfVerif code of this finding when it is not the rule's (one of ``RuleInfo/alsoInfVerif``).
    public var infVerif: Int?
    public init(code: String, message: String, range: Range<Int>, severity: Severity = .warning, fix: Fix? = nil, infVerif: Int? = nil) {
        self.code = code; self.message = message; self.range = range; self.severity = severity; self.fix = fix; self.infVerif = infVerif
    }
}

/// Collects a rule's findings.
public struct Findings: Sendable {
    public private(set) var items: [Finding] = []
    public init() {}
    /// Reports `message` at `range` for the rule `info`.
    /// Adds a finding of `info`'s rule; `infVerif` names one of its ``RuleInfo/alsoInfVerif`` codes.
    public mutating func add(_ info: RuleInfo, _ message: String, at range: Range<Int>, fix: Fix? = nil, infVerif: Int? = nil) {
        precondition(infVerif == nil || info.alsoInfVerif.contains(infVerif!), "\(info.code) does not declare InfVerif \(infVerif!)")
        items.append(Finding(code: info.code, message: message, range: range, severity: info.severity, fix: fix, infVerif: infVerif))
    }
}

/// A lint rule: metadata plus a check over one INF.
public protocol LintRule: Sendable {
    static var info: RuleInfo { get }
    init()
    func check(_ context: LintContext, into findings: inout Findings)
}
