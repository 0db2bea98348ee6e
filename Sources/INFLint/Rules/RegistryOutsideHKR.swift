import INFModel
import INFSyntax

struct RegistryOutsideHKR: LintRule {
    static let info = RuleInfo(
        code: "DK7003", name: "registry-outside-hkr",
        summary: "A registry operation on a root other than HKR.",
        mode: .universal, severity: .error, severityByMode: [.declarative: .warning, .hardwareDevCenter: .error], infVerif: 1304,
        isolation: true,
        whatItDoes: "Reports AddReg, DelReg and BitReg lines whose root is HKLM, HKCR, HKCU or HKU, except the AddReg writes Microsoft allows a universal INF: COM registration under HKCR or HKLM\\SOFTWARE\\Classes, and hardware Media Foundation transforms under HKLM\\SOFTWARE\\Microsoft\\Windows Media Foundation (and its WOW6432Node, WOW3232Node and WowAA32Node views). In windows-driver mode DK7013 reports those too. In hardware-dev-center mode the exceptions are InfVerif /h's own list instead (HKCR, HKLM\\SYSTEM\\CurrentControlSet, HKLM\\SOFTWARE\\Classes, Khronos, Media Foundation and about thirty more HKLM\\SOFTWARE keys).",
        whyBad: "Universal INFs may change only state that belongs to the device or driver (HKR); global keys outlive the driver and clash with other packages.",
        references: ["InfVerif 1304", "Using a Universal INF File", "Driver package isolation"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n↓HKLM,Software\\Contoso,Value,,1\n↓HKLM,SOFTWARE\\ClassesX,Value,,1\n"),
                     RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\nDelReg = Dev.DelReg\n[Dev.Reg]\nHKR,,Value,,1\n[Dev.DelReg]\n↓HKCR,CLSID\\{00000000-0000-0000-0000-000000000001}\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n"),
                  RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKCR,CLSID\\{00000000-0000-0000-0000-000000000001}\\InprocServer32,,0x20000,%13%\\dev.dll\nHKLM,SOFTWARE\\Classes\\CLSID\\{00000000-0000-0000-0000-000000000001},,,\"Contoso\"\nHKLM,SOFTWARE\\Microsoft\\Windows Media Foundation\\HardwareMFT,EnableDecoders,0x10001,1\nHKLM,SOFTWARE\\WOW6432Node\\Microsoft\\Windows Media Foundation\\HardwareMFT,EnableDecoders,0x10001,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses {
            guard let root = use.entry.root, root != .hkr else { continue }
            if context.mode == .hardwareDevCenter {
                if use.directive.lowercased() == "addreg", HardwareDevCenterExceptions.allows(use.entry) { continue }
                findings.add(Self.info, "\(use.directive) writes \(root.rawValue): Hardware Dev Center allows only HKR and the global keys InfVerif /h lists" + GlobalRegistryAdvice.hint(for: use.entry), at: use.entry.line.range(ofField: 1))
                continue
            }
            if use.directive.lowercased() == "addreg", UniversalRegistryException.covering(use.entry) != nil { continue }
            findings.add(Self.info, "\(use.directive) writes \(root.rawValue): universal INFs may use only HKR" + GlobalRegistryAdvice.hint(for: use.entry), at: use.entry.line.range(ofField: 1))
        }
    }
}
