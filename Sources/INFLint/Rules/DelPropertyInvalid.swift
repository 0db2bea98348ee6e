import INFModel
import INFSyntax

struct DelPropertyInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5029", name: "del-property-invalid",
        summary: "A DelProperty line Windows cannot apply: unknown name, bad key, unknown flags, or a string deletion without the string.",
        severity: .error,
        whatItDoes: "Reads every line of the del-property sections that reached DelProperty directives name: a property name must be one AddProperty knows (with field 2 empty) or a `{category-guid}` with a property identifier of at least 2; the only flag is 0x1 (FLG_DELPROPERTY_MULTI_SZ_DELSTRING), which needs the string to delete in field 4.",
        whyBad: "A line Windows cannot read deletes nothing, so the stale property an update meant to remove stays on the device.",
        references: ["INF DelProperty Directive", "Using the INF AddProperty Directive and the INF DelProperty Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nDelProperty = Dev.Stale\n[Dev.Stale]\n{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, ↓0x1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nDelProperty = Dev.Stale\n[Dev.Stale]\nDeviceModel\n{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x1, \"Old\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.linesOfSections(namedBy: "DelProperty") {
            guard case .failure(let problem) = DelPropertyEntry.read(line) else { continue }
            findings.add(Self.info, problem.message, at: line.range(ofField: problem.field))
        }
    }
}
