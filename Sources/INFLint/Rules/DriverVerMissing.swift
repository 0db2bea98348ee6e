import INFModel
import INFSyntax

struct DriverVerMissing: LintRule {
    static let info = RuleInfo(
        code: "DK2010", name: "driverver-missing",
        summary: "A device INF without DriverVer in [Version].",
        severity: .error, infVerif: 1234,
        whatItDoes: "Reports device INFs with no `DriverVer` directive.",
        whyBad: "Windows ranks drivers by DriverVer date and version; without it the driver's date is 00/00/0000, so any other matching driver wins and updates never replace it.",
        references: ["INF DriverVer Directive"],
        triggering: [RuleExample("↓[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models\n[Models]\nDevice = Install, Root\\Dev\n[Install]\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nDriverVer = 01/15/2024,1.0.0.0\n[Manufacturer]\nContoso = Models\n[Models]\nDevice = Install, Root\\Dev\n[Install]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF, !context.isTemplate, context.version.driverVer == nil else { return }
        findings.add(Self.info, "no DriverVer: Windows ranks this driver with date 00/00/0000, so any other matching driver wins", at: context.headerRange(of: "Version"))
    }
}
