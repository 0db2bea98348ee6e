import INFModel
import INFSyntax

struct InstallSectionNameMissing: LintRule {
    static let info = RuleInfo(
        code: "DK4013", name: "install-section-name-missing",
        summary: "A models line without the name of its install section.",
        severity: .error, infVerif: 1271,
        whatItDoes: "Reports models lines that list a hardware ID but leave the install section (the first field) empty, in every models section a manufacturer can select.",
        whyBad: "Windows matches the device to the line and then has no DDInstall section to install from, so the installation fails. InfVerif 1271.",
        references: ["INF Models Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = ↓, Root\\Dev\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n[Install.NTamd64]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for model in context.document.allModels where model.installSection.trimmingWhitespace().isEmpty && model.hardwareID != nil {
            findings.add(Self.info, "\(model.hardwareID ?? "") has no install section: Windows cannot install the device", at: model.line.range(ofField: 1))
        }
    }
}
