import INFModel
import INFSyntax

struct RegistryRootInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5001", name: "registry-root-invalid",
        summary: "An AddReg, DelReg or BitReg line whose root is not HKCR, HKCU, HKLM, HKU or HKR.",
        severity: .error, infVerif: 1224,
        whatItDoes: "Reports registry lines with an unknown root key abbreviation.",
        whyBad: "SetupAPI skips lines with an unknown root, so the value is never written (or deleted).",
        references: ["INF AddReg Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n↓HKEY_LOCAL,Software\\Contoso,Value,,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.entry.root == nil {
            findings.add(Self.info, "'\(use.entry.rootText)' is not a registry root (HKCR, HKCU, HKLM, HKU or HKR): SetupAPI skips this line", at: use.entry.line.range(ofField: 1))
        }
    }
}
