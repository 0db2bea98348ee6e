import INFModel
import INFSyntax

struct CoInstallerRegistration: LintRule {
    static let info = RuleInfo(
        code: "DK7002", name: "coinstaller-registration",
        summary: "An AddReg line registering a co-installer (CoInstallers32).",
        mode: .universal, severity: .error, infVerif: 1303,
        whatItDoes: "Reports AddReg lines that write a `CoInstallers32` value.",
        whyBad: "Co-installers run arbitrary code during install; universal and declarative packages may not register them.",
        references: ["InfVerif 1303", "Using a Universal INF File"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n↓HKR,,CoInstallers32,0x00010000,\"contoso.dll,CoInstaller\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "addreg" && use.entry.valueName?.lowercased() == "coinstallers32" {
            findings.add(Self.info, "registers a co-installer: universal INFs may not", at: use.entry.line.range)
        }
    }
}
