import INFModel
import INFSyntax

struct SectionUnused: LintRule {
    static let info = RuleInfo(
        code: "DK3005", name: "section-unused",
        summary: "A section that nothing in the INF refers to.",
        severity: .warning, infVerif: 2083,
        whatItDoes: "Reports sections not reached from any entry point: [Version], [Manufacturer] and its models, the install sections they name with their decorations and the companions of those that exist (Windows derives `.HW`, `.Services`… from the install section it picks, so `[Dev.NTamd64.HW]` without `[Dev.NTamd64]` is never read), DefaultInstall, ClassInstall32, the SourceDisks and DestinationDirs sections, and everything their directives name. A template whose directives name a section through a generator's placeholder (libwdi's `AddReg = #USE_DEVICE_INTERFACE_GUID#`) is passed over: any section may be the one.",
        whyBad: "Windows never reads the section, so whatever it was meant to do does not happen; usually a directive that should name it is misspelled or missing.",
        references: ["InfVerif 2083"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓[Dev.Orphan]\nHKR,,Value,,1\n"),
                     RuleExample(device: "[Dev.NT]\n↓[Dev.NTamd64.HW]\nAddReg = Dev.Reg\n↓[Dev.Reg]\nHKR,,Value,,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n"),
                  RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let reached = context.reachableSections
        // A template naming a section through a generator's placeholder (`AddReg = #USE_GUID#`) may use any of them.
        if context.isTemplate && context.graph.references.contains(where: { Template.hasOpaquePlaceholders(Array($0.target.utf16)) }) { return }
        for section in context.document.sections where !reached.contains(section.name.lowercased()) {
            findings.add(Self.info, "[\(section.name)] is never used: no directive or entry point refers to it", at: context.headerRange(of: section.name))
        }
    }
}
