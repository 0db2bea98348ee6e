import INFModel
import INFSyntax

struct AddRegFlagsInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5002", name: "addreg-flags-invalid",
        summary: "AddReg flags that are not a number or set undefined bits.",
        severity: .error,
        whatItDoes: "Reports AddReg flags fields that SetupAPI cannot read as a number, or whose low word has bits no FLG_ADDREG_* constant defines.",
        whyBad: "SetupAPI reads an unparseable flags field as 0 (REG_SZ), so the value gets the wrong type; undefined bits are ignored or change meaning between Windows versions.",
        references: ["INF AddReg Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,↓REG_DWORD,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,0x00010001,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "addreg" {
            let e = use.entry
            guard let text = e.flagsText?.trimmingWhitespace(), !text.isEmpty else { continue }
            guard let flags = e.flags else {
                findings.add(Self.info, "flags '\(text)' is not a number: SetupAPI reads it as 0 (REG_SZ)", at: e.line.range(ofField: 4))
                continue
            }
            let unknown = flags & 0xFFFF & ~AddRegFlags.lowWordMask
            if unknown != 0 {
                findings.add(Self.info, "flags 0x\(String(flags, radix: 16)) set undefined bits 0x\(String(unknown, radix: 16))", at: e.line.range(ofField: 4))
            }
        }
    }
}
