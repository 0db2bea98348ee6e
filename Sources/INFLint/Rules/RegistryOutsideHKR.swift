import INFModel
import INFSyntax

struct RegistryOutsideHKR: LintRule {
    static let info = RuleInfo(
        code: "DK7003", name: "registry-outside-hkr",
        summary: "A registry operation on a root other than HKR.",
        mode: .universal, severity: .error, infVerif: 1304,
        whatItDoes: "Reports AddReg, DelReg and BitReg lines whose root is HKLM, HKCR, HKCU or HKU.",
        whyBad: "Universal INFs may change only state that belongs to the device or driver (HKR); global keys outlive the driver and clash with other packages.",
        references: ["InfVerif 1304", "Using a Universal INF File", "Driver package isolation"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n↓HKLM,Software\\Contoso,Value,,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses {
            guard let root = use.entry.root, root != .hkr else { continue }
            findings.add(Self.info, "\(use.directive) writes \(root.rawValue): universal INFs may use only HKR", at: use.entry.line.range(ofField: 1))
        }
    }
}
