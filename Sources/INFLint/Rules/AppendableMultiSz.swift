import INFModel
import INFSyntax

struct AppendableMultiSz: LintRule {
    static let info = RuleInfo(
        code: "DK7004", name: "appendable-multi-sz",
        summary: "A REG_MULTI_SZ value appended to or trimmed instead of written whole.",
        mode: .universal, severity: .error, severityByMode: [.declarative: .warning, .hardwareDevCenter: .error], infVerif: 1305,
        whatItDoes: "Reports AddReg lines with FLG_ADDREG_APPEND and DelReg lines with FLG_DELREG_MULTI_SZ_DELSTRING.",
        whyBad: "Appending to a shared value makes the result depend on what other packages did before; uninstall cannot restore it. Universal INFs must write values whole.",
        references: ["InfVerif 1305"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,UpperFilters,↓0x00010008,\"contosoflt\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,UpperFilters,0x00010000,\"contosoflt\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses {
            guard let flags = use.entry.flags else { continue }
            let directive = use.directive.lowercased()
            if directive == "addreg" && flags & AddRegFlags.append != 0 {
                findings.add(Self.info, "appends to a REG_MULTI_SZ value: universal INFs must write it whole", at: use.entry.line.range(ofField: 4))
            } else if directive == "delreg" && flags & 0x18002 == 0x18002 {
                findings.add(Self.info, "deletes a string from a REG_MULTI_SZ value: universal INFs may not", at: use.entry.line.range(ofField: 4))
            }
        }
    }
}
