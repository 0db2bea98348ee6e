import INFModel
import INFSyntax

struct DeviceSecurityInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK6004", name: "device-security-invalid",
        summary: "The device's Security value is not a REG_SZ SDDL security descriptor.",
        severity: .error,
        whatItDoes: "Reports `Security` values in a hardware or class key that are not strings or do not parse as SDDL.",
        whyBad: "Windows cannot apply the descriptor, so the device gets its default security (or the install fails), which is usually not what the author meant to enforce.",
        references: ["Security Descriptor String Format", "Setting Device Object Security"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,Security,,↓\"D:P(A;;GA;;SY)\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,Security,,\"D:P(A;;GA;;;SY)(A;;GRGW;;;BA)\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for e in context.devicePropertyWrites("security") {
            guard e.valueType == .string || e.valueType == .expandString else {
                findings.add(Self.info, "Security must be a REG_SZ string (flags 0)", at: e.line.range(ofField: 4))
                continue
            }
            do { _ = try SecurityDescriptor(sddl: e.data.first ?? "") } catch {
                findings.add(Self.info, "Security is not a valid SDDL descriptor: \(error.description)", at: e.line.range(ofField: 5))
            }
        }
    }
}
