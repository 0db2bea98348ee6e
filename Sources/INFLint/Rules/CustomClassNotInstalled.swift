import INFModel
import INFSyntax

struct CustomClassNotInstalled: LintRule {
    static let info = RuleInfo(
        code: "DK2016", name: "custom-class-not-installed",
        summary: "A class that is not Microsoft-defined, with no [ClassInstall32] to create it.",
        severity: .warning,
        whatItDoes: "Reports device INFs whose Class is not a system-defined setup class and that have no [ClassInstall32] section (any decoration).",
        whyBad: "The class key then exists only if another package created it; on a clean machine the device lands in a class with no name, icon or settings in Device Manager.",
        references: ["INF ClassInstall32 Section", "System-Defined Device Setup Classes Available to Vendors"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = ↓ContosoWidgets\nClassGuid = {2E4C4B1A-8F1E-4D6B-9C34-1D2E3F405162}\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nWidget = Install, Root\\Widget\n[Install]\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = ContosoWidgets\nClassGuid = {2E4C4B1A-8F1E-4D6B-9C34-1D2E3F405162}\n[ClassInstall32]\nAddReg = Class.AddReg\n[Class.AddReg]\nHKR,,,,\"Contoso widgets\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nWidget = Install, Root\\Widget\n[Install]\n")])

    /// Classes that samples and vendors use widely without installing them (the WDK's "Sample" class is one).
    static let conventional: Set<String> = ["sample"]

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF, let cls = context.version.class, !cls.value.isEmpty,
              !SystemSetupClasses.isSystemClass(cls.value), !Self.conventional.contains(cls.value.lowercased()) else { return }
        guard context.classInstall32Sections.isEmpty else { return }
        findings.add(Self.info, "class \(cls.value) is not Microsoft-defined and this INF has no [ClassInstall32] to create it", at: cls.range)
    }
}
