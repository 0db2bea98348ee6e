import INFSyntax

struct TextBeforeFirstSection: LintRule {
    static let info = RuleInfo(
        code: "DK1006", name: "text-before-first-section",
        summary: "A line that is not a comment comes before the first section.",
        severity: .error, infVerif: 1002,
        whatItDoes: "Reports text before the first `[section]` header.",
        whyBad: "SetupAPI ignores such text when the INF has a `[Strings]` section, and otherwise refuses the whole file with ERROR_EXPECTED_SECTION_NAME.",
        fix: (.safe, "Turns the text into a comment."),
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("↓Contoso driver\n[Version]\nSignature = \"$Windows NT$\"\n")],
        passing: [RuleExample("; Contoso driver\n[Version]\nSignature = \"$Windows NT$\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let refused = !context.document.hasSection("Strings")
        for issue in context.tree.issues where issue.kind == .textBeforeFirstSection && !issue.range.isEmpty {
            let fix = Fix("comment out the text", safety: .safe, edits: [SourceEdit(range: issue.range.lowerBound..<issue.range.lowerBound, replacement: "; ")])
            let message = refused
                ? "text before the first section: SetupAPI refuses this file (ERROR_EXPECTED_SECTION_NAME) because it has no [Strings] section"
                : "text before the first section is ignored by SetupAPI; make it a comment"
            findings.add(Self.info, message, at: issue.range, fix: fix)
        }
    }
}
