import INFModel
import INFSyntax

struct GlobalRegistrationWrite: LintRule {
    static let info = RuleInfo(
        code: "DK7013", name: "global-registration-write",
        summary: "COM or Media Foundation registration written to the global registry.",
        mode: .windowsDriver, severity: .error,
        isolation: true,
        whatItDoes: "Reports the AddReg writes a universal INF may make outside HKR (DK7003 passes over them): COM registration under HKCR or HKLM\\SOFTWARE\\Classes, and hardware Media Foundation transforms under HKLM\\SOFTWARE\\Microsoft\\Windows Media Foundation and its 32-bit views.",
        whyBad: "Driver package isolation allows only HKR: global registrations outlive the package, and two versions of it installed side by side overwrite each other's. From Windows 11 24H2, COM servers are registered relative to the device with a DDInstall.COM section and AddComServer.",
        references: ["Driver package isolation", "Using a Universal INF File", "INF DDInstall.COM section", "INF AddComServer directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n↓HKCR,CLSID\\{00000000-0000-0000-0000-000000000001}\\InprocServer32,,0x20000,%13%\\dev.dll\n↓HKLM,SOFTWARE\\Microsoft\\Windows Media Foundation\\HardwareMFT,EnableDecoders,0x10001,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "addreg" {
            guard let exception = UniversalRegistryException.covering(use.entry) else { continue }
            var message = "\(use.entry.rootText) write for \(exception.rawValue): universal INFs may make it, but an isolated driver package may write only HKR"
            let advice = GlobalRegistryAdvice.hint(for: use.entry)
            if !advice.isEmpty {
                message += advice
            } else if exception == .comRegistration {
                message += " (register COM servers with a DDInstall.COM section's AddComServer, Windows 11 24H2 and later)"
            }
            findings.add(Self.info, message, at: use.entry.line.range(ofField: 1))
        }
    }
}
