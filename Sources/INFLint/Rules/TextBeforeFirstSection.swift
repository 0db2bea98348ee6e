import INFSyntax

struct TextBeforeFirstSection: LintRule {
    static let info = RuleInfo(
        code: "DK1006", name: "text-before-first-section",
        summary: "A line that is not a comment comes before the first section.",
        severity: .warning, infVerif: 1002,
        whatItDoes: "Reports text before the first `[section]` header in an INF that has a [Strings] section (without one, see DK1016).",
        whyBad: "SetupAPI ignores such text, so it is dead, and deleting the [Strings] section one day would make SetupAPI refuse the whole file.",
        fix: (.safe, "Turns the text into a comment."),
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("↓Contoso driver\n[Version]\nSignature = \"$Windows NT$\"\n[Strings]\n")],
        passing: [RuleExample("; Contoso driver\n[Version]\nSignature = \"$Windows NT$\"\n[Strings]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.document.hasSection("Strings") else { return }
        for issue in context.tree.issues where issue.kind == .textBeforeFirstSection && !issue.range.isEmpty {
            let fix = Fix("comment out the text", safety: .safe, edits: [SourceEdit(range: issue.range.lowerBound..<issue.range.lowerBound, replacement: "; ")])
            findings.add(Self.info, "text before the first section is ignored by SetupAPI; make it a comment", at: issue.range, fix: fix)
        }
    }
}
