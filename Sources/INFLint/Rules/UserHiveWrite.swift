import INFModel
import INFSyntax

struct UserHiveWrite: LintRule {
    static let info = RuleInfo(
        code: "DK5005", name: "user-hive-write",
        summary: "A device install writes HKCU or HKU.",
        severity: .warning,
        whatItDoes: "Reports AddReg, DelReg and BitReg lines with HKCU or HKU roots reached from device install sections.",
        whyBad: "Device installs run as SYSTEM in a service, so HKCU is SYSTEM's own hive: the user never sees the value.",
        references: ["INF AddReg Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n↓HKCU,Software\\Contoso,Value,,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF else { return }
        for use in context.registryUses where use.entry.root == .hkcu || use.entry.root == .hku {
            findings.add(Self.info, "\(use.entry.rootText) from a device install writes the SYSTEM account's hive, not the user's", at: use.entry.line.range(ofField: 1))
        }
    }
}
