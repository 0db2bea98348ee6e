import INFModel
import INFSyntax

struct SoftwareTypeDesktopOnly: LintRule {
    static let info = RuleInfo(
        code: "DK5038", name: "software-type-desktop-only",
        summary: "Software installed with SoftwareType 1 (an MSI or EXE), which runs only on Windows desktop editions.",
        severity: .warning, severityByMode: [.universal: .error, .declarative: .warning], infVerif: 1144,
        whatItDoes: "Reports `SoftwareType = 1` in the software-install sections of reached AddSoftware lines: a warning, and an error in universal mode, as InfVerif 1144 is.",
        whyBad: "\"INF AddSoftware Directive\": type 2 (a Microsoft Store link) is supported in universal drivers, type 1 is desktop-only and not supported on Windows 10 S. On other product types the software is never installed. Ship device software with a user interface from the Store (type 2).",
        references: ["INF AddSoftware Directive", "InfVerif 1144"],
        triggering: [RuleExample(SoftwareInstallInvalid.componentINF("SoftwareType = ↓1\nSoftwareBinary = tool.exe\nSoftwareVersion = 1.0.0.0\n"))],
        passing: [RuleExample(SoftwareInstallInvalid.componentINF("SoftwareType = 2\nSoftwareID = pfn://Contoso.Tool_8wekyb3d8bbwe\n"))])

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.reachedSections([.softwareInstall]) {
            guard let line = context.document.firstLine(in: name, key: "SoftwareType"),
                  IntegerField.parse((line.field(1) ?? "").trimmingWhitespace()) == 1 else { continue }
            findings.add(Self.info, "SoftwareType 1 (MSI or EXE) installs only on Windows desktop editions; a Store app (type 2) installs everywhere",
                         at: line.range(ofField: 1))
        }
    }
}
