import INFSyntax

struct TextBeforeFirstSectionRefused: LintRule {
    static let info = RuleInfo(
        code: "DK1016", name: "text-before-first-section-refused",
        summary: "Text before the first section in an INF without [Strings]; SetupAPI refuses the file.",
        severity: .error, infVerif: 1002,
        whatItDoes: "Reports text before the first `[section]` header when the INF has no [Strings] section.",
        whyBad: "SetupAPI refuses to open the file (ERROR_EXPECTED_SECTION_NAME), so nothing in it installs.",
        fix: (.safe, "Turns the text into a comment."),
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("↓Contoso driver\n[Version]\nSignature = \"$Windows NT$\"\n")],
        passing: [RuleExample("; Contoso driver\n[Version]\nSignature = \"$Windows NT$\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard !context.document.hasSection("Strings") else { return }
        for issue in context.tree.issues where issue.kind == .textBeforeFirstSection && !issue.range.isEmpty {
            let fix = Fix("comment out the text", safety: .safe, edits: [SourceEdit(range: issue.range.lowerBound..<issue.range.lowerBound, replacement: "; ")])
            findings.add(Self.info, "text before the first section: SetupAPI refuses this file (ERROR_EXPECTED_SECTION_NAME) because it has no [Strings] section", at: issue.range, fix: fix)
        }
    }
}
