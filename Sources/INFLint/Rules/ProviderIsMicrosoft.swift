import INFModel
import INFSyntax

struct ProviderIsMicrosoft: LintRule {
    static let info = RuleInfo(
        code: "DK2007", name: "provider-is-microsoft",
        summary: "A third-party INF names Microsoft as its Provider.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1204,
        whatItDoes: "Reports `Provider` values that are Microsoft or begin with it (\"Microsoft Corporation\", \"Microsoft Windows\").",
        whyBad: "Only inbox INFs may claim Microsoft as provider; InfVerif rejects the package, and users are misled about who ships the driver.",
        references: ["INF Version Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = ↓\"Microsoft\"\n"),
                     RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = ↓\"Microsoft Windows Hardware\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = \"Contoso\"\n"),
                  RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = \"Contoso for Microsoft Windows\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let p = context.version.provider else { return }
        let v = p.value.trimmingWhitespace().lowercased()
        guard v.hasPrefix("microsoft") else { return }
        findings.add(Self.info, "Provider is Microsoft: third-party packages must name their own provider", at: p.range)
    }
}
