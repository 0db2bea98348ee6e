import INFModel
import INFSyntax

struct InterfaceGuidMalformed: LintRule {
    static let info = RuleInfo(
        code: "DK5025", name: "interface-guid-malformed",
        summary: "An AddInterface or [InterfaceInstall32] interface class that is not a GUID in `{…}` form.",
        severity: .error, infVerif: 1019,
        whatItDoes: "Reports AddInterface lines in reached sections, and [InterfaceInstall32] entries, whose interface class (after `%strkey%` substitution) is not a braced 8-4-4-4-12 hexadecimal GUID.",
        whyBad: "Windows cannot register an interface of a class it cannot read, so the line is skipped and programs that look for the interface never find the device. InfVerif 1019.",
        references: ["INF AddInterface Directive", "INF InterfaceInstall32 Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Interfaces]\nAddInterface = ↓df576976-569d-4672-95a0-f57e4ea0b210\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Interfaces]\nAddInterface = {df576976-569d-4672-95a0-f57e4ea0b210}\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.reachedLines(key: "AddInterface") {
            let guid = (line.field(1) ?? "").trimmingWhitespace()
            guard !ClassGuidMalformed.isGUID(guid) else { continue }
            findings.add(Self.info, "AddInterface interface class '\(guid)' is not a GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", at: line.range(ofField: 1))
        }
        for line in context.document.lines(in: "InterfaceInstall32") {
            guard let guid = line.key?.trimmingWhitespace(), !ClassGuidMalformed.isGUID(guid) else { continue }
            findings.add(Self.info, "[InterfaceInstall32] interface class '\(guid)' is not a GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", at: line.keyRange ?? line.range)
        }
    }
}
