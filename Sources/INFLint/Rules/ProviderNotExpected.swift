import INFModel
import INFSyntax

struct ProviderNotExpected: LintRule {
    static let info = RuleInfo(
        code: "DK2018", name: "provider-not-expected",
        summary: "The INF's Provider is not the one the project expects (`--provider`).",
        severity: .error, infVerif: 1210,
        whatItDoes: "With `drvkit lint --provider NAME` (or `provider: NAME` in `.drvkit.yml`), reports an INF whose [Version] Provider, after `%strkey%` substitution, is not NAME (compared ignoring case, as Windows compares names). An INF without a Provider is DK2006's.",
        whyBad: "The provider is the name users and Windows Update see for the driver, and signing programs check it: a package that names another company (a copied sample's, a former owner's) ships under the wrong name. InfVerif's `/provider` switch makes it error 1210.",
        references: ["INF Version Section", "Running InfVerif from the Command Line"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = ↓%Provider%\n[Strings]\nProvider = \"Fabrikam\"\n").expecting(provider: "Contoso")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = %Provider%\n[Strings]\nProvider = \"CONTOSO\"\n").expecting(provider: "Contoso")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let expected = context.expectedProvider, let provider = context.version.provider else { return }
        let value = provider.value.trimmingWhitespace()
        guard value.caseInsensitiveCompare(expected.trimmingWhitespace()) != .orderedSame else { return }
        findings.add(Self.info, "Provider is \"\(value)\"; this project's INFs must name \"\(expected)\"", at: provider.range)
    }
}
