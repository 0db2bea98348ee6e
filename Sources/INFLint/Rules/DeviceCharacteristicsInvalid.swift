import INFModel
import INFSyntax

struct DeviceCharacteristicsInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK6003", name: "device-characteristics-invalid",
        summary: "DeviceCharacteristics is not a REG_DWORD of documented FILE_* characteristics.",
        severity: .error,
        whatItDoes: "Reports `DeviceCharacteristics` in a hardware or class key that is not REG_DWORD or has bits outside the documented set (FILE_REMOVABLE_MEDIA 0x1 … FILE_PORTABLE_DEVICE 0x40000).",
        whyBad: "The PnP manager ORs these bits into the device object; undefined bits change behaviour in ways no documentation covers, and a wrong type is ignored.",
        references: ["Specifying Device Characteristics", "INF DDInstall.HW Section"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,DeviceCharacteristics,0x10001,↓0x80000000\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,DeviceCharacteristics,0x10001,0x100\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for e in context.devicePropertyWrites("devicecharacteristics") {
            guard e.valueType == .dword else {
                findings.add(Self.info, "DeviceCharacteristics must be REG_DWORD (flags 0x10001)", at: e.line.range(ofField: 4))
                continue
            }
            guard let value = DeviceValue.dword(e.data) else {
                findings.add(Self.info, "DeviceCharacteristics value is not a number", at: e.line.range(ofField: 5))
                continue
            }
            let unknown = value & ~DeviceProperties.characteristicsMask
            if unknown != 0 {
                findings.add(Self.info, "DeviceCharacteristics has undocumented bits 0x\(String(unknown, radix: 16))", at: e.line.range(ofField: 5))
            }
        }
    }
}
