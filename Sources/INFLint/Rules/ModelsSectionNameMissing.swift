import INFModel
import INFSyntax

struct ModelsSectionNameMissing: LintRule {
    static let info = RuleInfo(
        code: "DK4012", name: "models-section-name-missing",
        summary: "A [Manufacturer] entry without the name of its models section.",
        severity: .error, infVerif: 1011,
        whatItDoes: "Reports `[Manufacturer]` lines whose first field, the models section's name, is empty (`%Mfg% = , NTamd64`).",
        whyBad: "Windows has no models section to read for that manufacturer, so none of its devices can install from the INF. InfVerif 1011.",
        references: ["INF Manufacturer Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\n%Mfg% = ↓, NTamd64\n[Strings]\nMfg = \"Contoso\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\n%Mfg% = Models, NTamd64\n[Models.NTamd64]\n[Strings]\nMfg = \"Contoso\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.document.lines(in: "Manufacturer") where (line.field(1) ?? "").trimmingWhitespace().isEmpty {
            let name = line.key.map { " \($0)" } ?? ""
            findings.add(Self.info, "manufacturer\(name) names no models section: none of its devices can install", at: line.range(ofField: 1))
        }
    }
}
