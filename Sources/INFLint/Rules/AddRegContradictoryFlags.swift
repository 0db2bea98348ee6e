import INFModel
import INFSyntax

struct AddRegContradictoryFlags: LintRule {
    static let info = RuleInfo(
        code: "DK5004", name: "addreg-contradictory-flags",
        summary: "AddReg flags that contradict each other or the data.",
        severity: .error, alsoInfVerif: [1265],
        whatItDoes: "Reports FLG_ADDREG_APPEND on a value that is not REG_MULTI_SZ (InfVerif 1265), FLG_ADDREG_DELVAL combined with APPEND, FLG_ADDREG_KEYONLY with value data, and NOCLOBBER with OVERWRITEONLY.",
        whyBad: "SetupAPI honours one flag and ignores the other, or does nothing at all, so the line does not do what it reads as.",
        references: ["INF AddReg Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,↓0x00000008,\"text\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,0x00010008,\"text\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "addreg" {
            let e = use.entry
            guard let flags = e.flags, let type = e.valueType else { continue }
            var problem: String?
            if flags & AddRegFlags.append != 0 && type != .multiString {
                findings.add(Self.info, "FLG_ADDREG_APPEND (0x8) works only on REG_MULTI_SZ values (0x10008)", at: e.line.range(ofField: 4), infVerif: 1265)
                continue
            } else if flags & AddRegFlags.delVal != 0 && flags & AddRegFlags.append != 0 {
                problem = "FLG_ADDREG_DELVAL (0x4) and FLG_ADDREG_APPEND (0x8) contradict each other"
            } else if flags & AddRegFlags.keyOnly != 0 && e.data.contains(where: { !$0.isEmpty }) {
                problem = "FLG_ADDREG_KEYONLY (0x10) creates only the key; the data is ignored"
            } else if flags & AddRegFlags.noClobber != 0 && flags & AddRegFlags.overwriteOnly != 0 {
                problem = "FLG_ADDREG_NOCLOBBER (0x2) and FLG_ADDREG_OVERWRITEONLY (0x20) together never write anything"
            }
            if let problem { findings.add(Self.info, problem, at: e.line.range(ofField: 4)) }
        }
    }
}
