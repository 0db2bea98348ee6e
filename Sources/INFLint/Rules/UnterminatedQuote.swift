import INFSyntax

struct UnterminatedQuote: LintRule {
    static let info = RuleInfo(
        code: "DK1003", name: "unterminated-quote",
        summary: "A quoted string is not closed before the end of the line.",
        severity: .warning,
        whatItDoes: "Reports a `\"` that has no closing quote on its line.",
        whyBad: "SetupAPI ends the quoted run at the line end, so the value takes in everything up to it: trailing blanks, a `\\r`, and any `;` comment become part of the value.",
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nKey = ↓\"unterminated ; comment\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nKey = \"terminated\" ; comment\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for issue in context.tree.issues where issue.kind == .unterminatedQuote {
            findings.add(Self.info, "quote not closed: SetupAPI reads the rest of the line, comment included, as part of the value", at: issue.range)
        }
    }
}
