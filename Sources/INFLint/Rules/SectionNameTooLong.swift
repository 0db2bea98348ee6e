import INFSyntax

struct SectionNameTooLong: LintRule {
    static let info = RuleInfo(
        code: "DK1007", name: "section-name-too-long",
        summary: "A section name longer than 255 characters; SetupAPI refuses the file.",
        severity: .error, infVerif: 1002,
        whatItDoes: "Reports section names over 255 characters.",
        whyBad: "SetupAPI fails to open the INF with ERROR_SECTION_NAME_TOO_LONG.",
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓[\(String(repeating: "a", count: 256))]\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[\(String(repeating: "a", count: 255))]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for issue in context.tree.issues where issue.kind == .sectionNameTooLong {
            findings.add(Self.info, "section name is \(issue.range.count - 2) characters; SetupAPI refuses names over 255 (ERROR_SECTION_NAME_TOO_LONG)", at: issue.range)
        }
    }
}
