import INFSyntax

struct SectionHeaderUnclosed: LintRule {
    static let info = RuleInfo(
        code: "DK1004", name: "section-header-unclosed",
        summary: "A section header has no closing `]`; SetupAPI refuses the file.",
        severity: .error, infVerif: 1002,
        whatItDoes: "Reports a line starting with `[` that has no `]` before its end.",
        whyBad: "SetupAPI stops parsing and fails to open the INF with ERROR_BAD_SECTION_NAME_LINE, so nothing in it can be installed.",
        fix: (.unsafe, "Adds `]` after the name."),
        references: ["General Syntax Rules for INF Files", "InfVerif 1002"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓[Strings\nA = b\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nA = b\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for issue in context.tree.issues where issue.kind == .missingCloseBracket {
            let fix = Fix("add ']'", safety: .unsafe, edits: [SourceEdit(range: issue.range.upperBound..<issue.range.upperBound, replacement: "]")])
            findings.add(Self.info, "section header has no closing ']': SetupAPI refuses the file (ERROR_BAD_SECTION_NAME_LINE)", at: issue.range, fix: fix)
        }
    }
}
