import INFModel
import INFSyntax

struct StringNotDefined: LintRule {
    static let info = RuleInfo(
        code: "DK3002", name: "string-not-defined",
        summary: "A `%token%` that no strings section defines.",
        severity: .error, infVerif: 1235,
        whatItDoes: "Reports `%name%` tokens (other than DIRID numbers and `%%`) with no definition in [Strings] or the localized strings sections.",
        whyBad: "SetupAPI leaves an undefined token as written, percent signs included, so `%DeviceDesc%` shows up literally in Device Manager or in the registry. A literal percent sign must be written `%%`.",
        references: ["INF Strings Section", "InfVerif 1235"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = ↓%Mfg%\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = %Mfg%\n[Strings]\nMfg = \"Contoso\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var definedAnywhere = Set<String>()
        for section in context.document.sections where section.name.lowercased() == "strings" || section.name.lowercased().hasPrefix("strings.") {
            for line in context.document.lines(of: section) { if let k = line.rawKey { definedAnywhere.insert(k.lowercased()) } }
        }
        for use in context.stringUses where !definedAnywhere.contains(use.name.lowercased()) {
            if context.isTemplate && use.name.hasPrefix("$") { continue }
            findings.add(Self.info, "%\(use.name)% is not defined in [Strings]: Windows shows it literally; write %% for a percent sign", at: use.range)
        }
    }
}
