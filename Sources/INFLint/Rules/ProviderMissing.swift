import INFModel
import INFSyntax

struct ProviderMissing: LintRule {
    static let info = RuleInfo(
        code: "DK2006", name: "provider-missing",
        summary: "[Version] has no Provider, or it is empty.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1234,
        whatItDoes: "Reports a missing or empty `Provider` in [Version].",
        whyBad: "Device Manager, pnputil and the driver store show the provider to tell packages apart; without it the package shows as an unknown provider and cannot be matched by provider in scripts.",
        references: ["INF Version Section"],
        triggering: [RuleExample("↓[Version]\nSignature = \"$Windows NT$\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = %Mfg%\n[Strings]\nMfg = \"Contoso\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.document.hasSection("Version") else { return }
        if let p = context.version.provider {
            if p.value.trimmingWhitespace().isEmpty { findings.add(Self.info, "Provider is empty", at: p.line.range) }
        } else {
            findings.add(Self.info, "[Version] has no Provider: the package shows no provider in Device Manager and pnputil", at: context.headerRange(of: "Version"))
        }
    }
}
