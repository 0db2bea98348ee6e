import INFModel
import INFSyntax

struct DirectiveWithoutSection: LintRule {
    static let info = RuleInfo(
        code: "DK3016", name: "directive-without-section",
        summary: "A directive that takes section names (AddReg, CopyFiles, Needs…) with none.",
        severity: .error, infVerif: 1005,
        whatItDoes: "Reports lines of reached sections whose directive names sections (AddReg, DelReg, BitReg, CopyFiles, DelFiles, RenFiles, AddProperty, DelProperty, Needs, Ini2Reg, UpdateInis, UpdateIniFields, RegisterDlls, UnregisterDlls, ProfileItems, LogConfig) but whose fields are all empty. AddService without its service-install section is DK5006.",
        whyBad: "The directive has nothing to process, so whatever the line was meant to install is missing, usually because a `%strkey%` or a section name was lost in an edit.",
        references: ["INF DDInstall Section", "InfVerif 1005"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓AddReg =\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,0x00010001,1\n")])

    /// Directives whose every field names a section.
    static let sectionListDirectives: Set<String> = [
        "addreg", "delreg", "bitreg", "copyfiles", "delfiles", "renfiles", "addproperty", "delproperty", "needs",
        "ini2reg", "updateinis", "updateinifields", "registerdlls", "unregisterdlls", "profileitems", "logconfig",
    ]

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.reachedLines(keys: Self.sectionListDirectives) where line.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            findings.add(Self.info, "\(line.key!) names no section: the line does nothing", at: line.keyRange ?? line.range)
        }
    }
}
