import INFSyntax

struct FieldOverWineLimit: LintRule {
    static let info = RuleInfo(
        code: "DK1009", name: "field-over-511-characters",
        summary: "A field longer than 511 characters, which older setup engines cut.",
        severity: .info,
        whatItDoes: "Reports fields between 512 and 4096 characters long.",
        whyBad: "Windows before Vista and Wine's SetupAPI truncate fields at 511 characters; the INF then behaves differently there.",
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nK = ↓\(String(repeating: "x", count: 600))\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nK = \(String(repeating: "x", count: 511))\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for field in context.tree.fields where !field.truncated && field.valueCount > 511 {
            findings.add(Self.info, "field is \(field.valueCount) characters; setup engines before Vista and Wine cut fields at 511", at: field.range)
        }
    }
}
