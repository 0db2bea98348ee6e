import INFModel
import INFSyntax

struct DevicePropertyOutsideHardwareKey: LintRule {
    static let info = RuleInfo(
        code: "DK6006", name: "device-property-outside-hardware-key",
        summary: "DeviceType, DeviceCharacteristics, Security or Exclusive written where Windows does not read it.",
        severity: .warning,
        whatItDoes: "Reports these values written with HKR from a DDInstall section (the driver's software key), a service section or an interface section.",
        whyBad: "The PnP manager reads them only from the device's hardware key (`DDInstall.HW`) and the class key (`ClassInstall32`); anywhere else the value has no effect.",
        references: ["INF DDInstall.HW Section", "Setting Device Object Registry Properties During Installation"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.AddReg\n[Dev.AddReg]\n↓HKR,,DeviceType,0x10001,0x22\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,DeviceType,0x10001,0x22\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "addreg" && [.softwareKey, .serviceKey, .interfaceKey].contains(use.context) {
            let e = use.entry
            guard e.root == .hkr, e.subkey.isEmpty, let name = e.valueName, DeviceProperties.names.contains(name.lowercased()) else { continue }
            findings.add(Self.info, "\(name) written to the \(use.context == .softwareKey ? "driver's software" : use.context == .serviceKey ? "service" : "interface") key has no effect: Windows reads it from the .HW section or [ClassInstall32]", at: e.line.range)
        }
    }
}
