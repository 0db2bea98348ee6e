import INFModel
import INFSyntax

struct DeviceExclusiveInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK6005", name: "device-exclusive-invalid",
        summary: "The device's Exclusive value is not a REG_DWORD 0 or 1.",
        severity: .error,
        whatItDoes: "Reports `Exclusive` values in a hardware or class key that are not REG_DWORD or not 0 or 1.",
        whyBad: "Windows reads Exclusive as a boolean REG_DWORD; another type is ignored and another number is not defined.",
        references: ["Setting Device Object Registry Properties During Installation"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,Exclusive,0x10001,↓2\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,Exclusive,0x10001,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for e in context.devicePropertyWrites("exclusive") {
            guard e.valueType == .dword else {
                findings.add(Self.info, "Exclusive must be REG_DWORD (flags 0x10001)", at: e.line.range(ofField: 4)); continue
            }
            if let v = DeviceValue.dword(e.data), v <= 1 { continue }
            findings.add(Self.info, "Exclusive must be 0 or 1, not '\(e.data.joined(separator: ","))'", at: e.line.range(ofField: 5))
        }
    }
}
