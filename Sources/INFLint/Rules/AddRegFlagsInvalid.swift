import INFModel
import INFSyntax

struct AddRegFlagsInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5002", name: "addreg-flags-invalid",
        summary: "AddReg flags that are not a number, set undefined bits, or give a custom value type SetupAPI cannot write.",
        severity: .error, alsoInfVerif: [1263, 1264],
        whatItDoes: "Reports AddReg flags fields that SetupAPI cannot read as a number, or whose low word has bits no FLG_ADDREG_* constant defines; and a custom value type (a type number in the high word) without FLG_ADDREG_BINVALUETYPE (InfVerif 1264) or naming REG_MULTI_SZ, which has its own flag (InfVerif 1263).",
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
            // The high word is a type of its own (FLG_ADDREG_TYPE_MASK): 0x0001 and 0x0002 name REG_MULTI_SZ
            // and REG_EXPAND_SZ without BINVALUETYPE, REG_DWORD and REG_NONE with it; any other number is
            // a custom registry type, written as binary data.
            let type = flags >> 16
            if type > 2 && flags & 0x1 == 0 {
                findings.add(Self.info, "flags 0x\(String(format: "%08x", flags)) give the custom value type \(type) without FLG_ADDREG_BINVALUETYPE (0x1), which a custom type needs (0x\(String(format: "%08x", flags | 1)))",
                             at: e.line.range(ofField: 4), infVerif: 1264)
            } else if type == 7 && flags & 0x1 != 0 {
                findings.add(Self.info, "flags 0x\(String(format: "%08x", flags)) give REG_MULTI_SZ as a custom (binary) value type; write REG_MULTI_SZ with FLG_ADDREG_TYPE_MULTI_SZ (0x00010000)",
                             at: e.line.range(ofField: 4), infVerif: 1263)
            }
        }
    }
}
