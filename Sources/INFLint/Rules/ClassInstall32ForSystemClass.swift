import INFModel
import INFSyntax

struct ClassInstall32ForSystemClass: LintRule {
    static let info = RuleInfo(
        code: "DK2015", name: "classinstall32-for-system-class",
        summary: "A [ClassInstall32] section in an INF of a Microsoft-defined class.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1285,
        whatItDoes: "Reports [ClassInstall32] (any decoration) when Class names a system-defined setup class.",
        whyBad: "Since Windows 10 third-party INFs may not install or change Microsoft-defined classes; the section is ignored or the package rejected.",
        references: ["INF ClassInstall32 Section", "InfVerif 1285"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Ports\nClassGuid = {4D36E978-E325-11CE-BFC1-08002BE10318}\n↓[ClassInstall32]\nAddReg = Ports.AddReg\n[Ports.AddReg]\nHKR,,,,\"Ports\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Ports\nClassGuid = {4D36E978-E325-11CE-BFC1-08002BE10318}\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let cls = context.version.class, SystemSetupClasses.isSystemClass(cls.value) else { return }
        for section in context.classInstall32Sections {
            findings.add(Self.info, "[\(section.name)] installs or changes the Microsoft-defined class \(cls.value), which third-party INFs may not do", at: context.headerRange(of: section.name))
        }
    }
}
