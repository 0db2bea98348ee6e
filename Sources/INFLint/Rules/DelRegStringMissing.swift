import INFModel
import INFSyntax

struct DelRegStringMissing: LintRule {
    static let info = RuleInfo(
        code: "DK5033", name: "delreg-string-missing",
        summary: "A DelReg line that deletes a string from a REG_MULTI_SZ value (0x00018002) but names no string.",
        severity: .error, infVerif: 1266,
        whatItDoes: "Reports DelReg lines with FLG_DELREG_MULTI_SZ_DELSTRING (0x00018002) whose fifth field, the string to remove, is empty.",
        whyBad: "FLG_DELREG_MULTI_SZ_DELSTRING removes every occurrence of the given string from the value (\"INF DelReg Directive\"); without the string there is nothing to remove, so the filter or name the line meant to take out stays in the list.",
        references: ["INF DelReg Directive", "InfVerif 1266"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nDelReg = Dev.HW.Del\n[Dev.HW.Del]\n↓HKR,,UpperFilters,0x00018002\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nDelReg = Dev.HW.Del\n[Dev.HW.Del]\nHKR,,UpperFilters,0x00018002,OldFilter\n")])

    /// FLG_DELREG_MULTI_SZ_DELSTRING (setupapi.h).
    static let deleteString: UInt32 = 0x0001_8002

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "delreg" {
            let entry = use.entry
            // The registry view bits (FLG_DELREG_32BITKEY 0x4000, 64BITKEY 0x1000) may come with it.
            guard let flags = entry.flags, flags & ~0x5000 == Self.deleteString, (entry.data.first ?? "").trimmingWhitespace().isEmpty else { continue }
            findings.add(Self.info, "DelReg deletes a string from \(entry.valueName ?? "the default value") (FLG_DELREG_MULTI_SZ_DELSTRING) but names none in field 5: nothing is removed",
                         at: entry.line.range)
        }
    }
}
