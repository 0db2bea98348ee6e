import INFModel
import INFSyntax

struct DirectiveValueMissing: LintRule {
    static let info = RuleInfo(
        code: "DK3018", name: "directive-value-missing",
        summary: "A directive that needs a value (Include, CopyINF, AddComponent, KmdfService…) written with none.",
        severity: .error, infVerif: 1006,
        whatItDoes: "Reports lines of reached sections whose directive takes a required first value but has none: Include and CopyINF (INF names), ExcludeID, AddComponent and AddSoftware (the name), KmdfService and UmdfService (the service), UmdfServiceOrder. Directives that name sections are DK3016; AddService without a name is DK5020, an empty AddInterface DK5025 and an empty FeatureScore DK4011.",
        whyBad: "The directive has nothing to act on: Windows skips the line (or fails the install), so the INF or interface it was meant to bring is missing.",
        references: ["INF DDInstall Section", "InfVerif 1006"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓CopyINF =\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyINF = other.inf\n")])

    /// Directives whose first field is a required value (not a section name).
    static let valueDirectives: Set<String> = [
        "include", "copyinf", "excludeid", "addcomponent", "addsoftware",
        "kmdfservice", "umdfservice", "umdfserviceorder",
    ]

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.reachedLines(keys: Self.valueDirectives) where (line.field(1) ?? "").trimmingWhitespace().isEmpty {
            findings.add(Self.info, "\(line.key!) has no value: the line does nothing", at: line.keyRange ?? line.range)
        }
    }
}
