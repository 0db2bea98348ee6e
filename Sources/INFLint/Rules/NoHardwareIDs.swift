import INFModel
import INFSyntax

struct NoHardwareIDs: LintRule {
    static let info = RuleInfo(
        code: "DK4009", name: "no-hardware-ids",
        summary: "A device INF whose models list no hardware IDs.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1297,
        whatItDoes: "Reports INFs with a [Manufacturer] section in which no models line has a hardware ID.",
        whyBad: "The driver can never be chosen for a device; if it is not meant for devices it should be a primitive driver (DefaultInstall, no Manufacturer).",
        references: ["InfVerif 1297", "Creating a primitive driver"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install\n[Install]\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n[Install]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF else { return }
        let models = context.document.allModels
        guard models.allSatisfy({ $0.hardwareID == nil }) else { return }
        findings.add(Self.info, "no models line has a hardware ID: this driver installs on no device (make it a primitive driver if that is intended)", at: context.headerRange(of: "Manufacturer"))
    }
}
