import INFModel
import INFSyntax

struct VersionSignatureInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK2001", name: "version-signature-invalid",
        summary: "No [Version] section, or its Signature is not one SetupAPI accepts.",
        severity: .error, infVerif: 1001,
        whatItDoes: "Reports a missing [Version] section, a missing Signature, or a Signature other than `$Windows NT$`, `$Chicago$` or `$Windows 95$`.",
        whyBad: "SetupAPI refuses to open the INF (ERROR_WRONG_INF_STYLE), so Windows cannot install anything from it.",
        references: ["INF Version Section", "InfVerif 1001"],
        triggering: [RuleExample("↓[Version]\nSignature = \"$Windows XP$\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.document.signature == nil else { return }
        if let line = context.versionValue("Signature") {
            findings.add(Self.info, "Signature '\(line.field(1) ?? "")' is not \"$Windows NT$\": SetupAPI refuses the file (ERROR_WRONG_INF_STYLE)", at: context.headerRange(of: "Version"))
        } else if context.document.hasSection("Version") {
            findings.add(Self.info, "[Version] has no Signature: SetupAPI refuses the file (ERROR_WRONG_INF_STYLE); add Signature = \"$Windows NT$\"", at: context.headerRange(of: "Version"))
        } else {
            findings.add(Self.info, "no [Version] section: SetupAPI refuses the file (ERROR_WRONG_INF_STYLE)", at: 0..<0)
        }
    }
}
