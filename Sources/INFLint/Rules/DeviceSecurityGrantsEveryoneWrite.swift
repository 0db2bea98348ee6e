import INFModel
import INFSyntax

struct DeviceSecurityGrantsEveryoneWrite: LintRule {
    static let info = RuleInfo(
        code: "DK6007", name: "device-security-grants-everyone-write",
        summary: "The device's Security descriptor gives Everyone or Anonymous write or full access, or has no DACL at all.",
        severity: .warning,
        whatItDoes: "Reports allow ACEs for WD (Everyone) or AN (Anonymous) with rights that write or take control (GA, GW, FA, FW, KA, KW, WD, WO, SD) in a device's Security value, and descriptors with no DACL (an empty string, or only O:, G:, S:) or a NULL DACL (`D:NO_ACCESS_CONTROL`), which put no limit on access.",
        whyBad: "Any process, sandboxed or not, can then send write IOCTLs to the driver; most driver vulnerabilities are reached this way.",
        references: ["Securing Device Objects", "Security Descriptor String Format"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,Security,,↓\"D:P(A;;GA;;;SY)(A;;GA;;;WD)\"\n"),
                     RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,Security,,↓\"\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,Security,,\"D:P(A;;GA;;;SY)(A;;GR;;;WD)\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for e in context.devicePropertyWrites("security") {
            let sddl = e.data.first ?? ""
            guard let descriptor = try? SecurityDescriptor(sddl: sddl) else { continue }
            if descriptor.grantsEveryoneFullAccess {
                let what = descriptor.dacl == nil ? (sddl.trimmingWhitespace().isEmpty ? "is empty: it has no DACL" : "has no DACL (no D: part)")
                                                  : "has a NULL DACL (D:NO_ACCESS_CONTROL)"
                findings.add(Self.info, "Security \(what), so it puts no limit on access: any process can open and write to the device", at: e.line.range(ofField: 5))
            } else if let ace = descriptor.grantsWorldWrite {
                let who = ace.sid == .everyone ? "Everyone" : "Anonymous"
                findings.add(Self.info, "Security grants access mask 0x\(String(ace.mask, radix: 16)) to \(who): any process can write to the device", at: e.line.range(ofField: 5))
            }
        }
    }
}
