import INFModel
import INFSyntax

struct SectionUsedAsTwoKinds: LintRule {
    static let info = RuleInfo(
        code: "DK3017", name: "section-used-as-two-kinds",
        summary: "One section named by directives that read it as different things (a CopyFiles list and an AddReg section).",
        severity: .error, infVerif: 1206,
        whatItDoes: "Reports a section referenced by two directives of different kinds: a file list (CopyFiles, DelFiles, RenFiles), a registry section (AddReg, DelReg, BitReg), a property section (AddProperty, DelProperty), or any other directive's section (AddFilter, AddComponent…).",
        whyBad: "Each directive reads the section's lines in its own format, so at least one of them reads lines written for the other: file names parsed as registry entries, registry lines as files to copy. SetupAPI fails or does something no one wrote.",
        references: ["InfVerif 1206"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\nAddReg = ↓Dev.Files\n[Dev.Files]\ndev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\nAddReg = Dev.Reg\n[Dev.Files]\ndev.sys\n[Dev.Reg]\nHKR,,Value,0x00010001,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (earlier, ref) in SectionSharedByDirectives.sharedSections(context)
        where !SectionSharedByDirectives.sameKind(earlier.directive, ref.directive) {
            findings.add(Self.info, "[\(ref.target)] is \(SectionSharedByDirectives.kind(of: earlier.directive)) for \(earlier.directive), but \(ref.directive) reads it as \(SectionSharedByDirectives.kind(of: ref.directive))",
                         at: ref.range)
        }
    }
}
