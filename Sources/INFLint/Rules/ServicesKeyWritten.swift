import INFModel
import INFSyntax

struct ServicesKeyWritten: LintRule {
    static let info = RuleInfo(
        code: "DK7009", name: "services-key-written",
        summary: "An AddReg line writing under HKLM\\System\\CurrentControlSet\\Services.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1221,
        whatItDoes: "Reports registry lines that write a service's key through an absolute HKLM path.",
        whyBad: "Service settings belong in the service-install section, with HKR bound to the service key; an absolute path also writes before the service exists and survives its removal.",
        references: ["InfVerif 1221", "INF AddService Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n↓HKLM,System\\CurrentControlSet\\Services\\dev\\Parameters,Value,0x10001,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,Parameters,Value,0x10001,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.entry.root == .hklm {
            let key = use.entry.subkey.lowercased().replacingOccurrences(of: "/", with: "\\")
            guard key.hasPrefix("system\\currentcontrolset\\services\\") || key.hasPrefix("system\\controlset001\\services\\") else { continue }
            findings.add(Self.info, "writes a service key through HKLM: use the service-install section's AddReg (HKR is the service key)", at: use.entry.line.range)
        }
    }
}
