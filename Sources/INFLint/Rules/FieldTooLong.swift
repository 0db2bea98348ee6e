import INFSyntax

struct FieldTooLong: LintRule {
    static let info = RuleInfo(
        code: "DK1008", name: "field-too-long",
        summary: "A field longer than 4096 characters, which Windows cuts.",
        severity: .error,
        whatItDoes: "Reports keys and fields over MAX_INF_STRING_LENGTH (4096 characters).",
        whyBad: "SetupAPI silently truncates the value at 4096 characters, so what gets installed is not what is written.",
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nK = ↓\(String(repeating: "x", count: 4097))\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nK = \(String(repeating: "x", count: 4096))\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for issue in context.tree.issues where issue.kind == .fieldTooLong {
            findings.add(Self.info, "field is longer than 4096 characters; Windows cuts it at 4096", at: issue.range)
        }
    }
}
