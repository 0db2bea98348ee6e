import INFModel
import INFSyntax

struct FilterAddedWithAddReg: LintRule {
    static let info = RuleInfo(
        code: "DK7017", name: "filter-added-with-addreg",
        summary: "A device filter added by writing UpperFilters or LowerFilters with AddReg.",
        mode: .windowsDriver, severity: .error, infVerif: 1329,
        isolation: true,
        whatItDoes: "Reports HKR AddReg lines of a `.HW` section that write the device's `UpperFilters` or `LowerFilters` value.",
        whyBad: "Driver package isolation adds filters declaratively: an AddFilter directive in a `[DDInstall.Filters]` section (Windows 10 1903 and later) registers the filter by position or level, and Windows assembles the list when the device starts. A written list overwrites, or with FLG_ADDREG_APPEND edits, a value other packages also own.",
        references: ["Porting an INF to follow driver package isolation", "INF AddFilter Directive", "Device filter driver ordering"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.Reg\n[Dev.HW.Reg]\n↓HKR,,UpperFilters,0x00010000,\"ContosoFilter\"\n↓HKR,,lowerfilters,0x00010008,\"ContosoLower\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Filters]\nAddFilter = ContosoFilter,, Contoso.Filter\n[Contoso.Filter]\nFilterPosition = Upper\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (entry, name) in context.filterListWrites {
            let position = name.lowercased() == "upperfilters" ? "Upper" : "Lower"
            findings.add(Self.info, "\(name) written with AddReg: isolated packages add filters with AddFilter in a [DDInstall.Filters] section (FilterPosition = \(position))", at: entry.line.range(ofField: 1))
        }
    }
}
