import INFModel
import INFSyntax

struct EventLogTypeInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5023", name: "event-log-type-invalid",
        summary: "An AddService EventLogType other than System, Application or Security.",
        severity: .error, infVerif: 1250,
        whatItDoes: "Reports AddService lines whose fifth field, EventLogType, is set to anything but `System`, `Application` or `Security` (case-insensitive); an empty field means System.",
        whyBad: "The event log type names the log under `HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog` that the service's event source is registered in: any other name registers the source in a log the Event Viewer does not read, so the driver's events are lost. InfVerif 1250.",
        references: ["INF AddService Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: RuleExample.kernelService().replacingOccurrences(of: "Dev.Service\n[Dev.Service]", with: "Dev.Service, Dev.EventLog, ↓Driver\n[Dev.EventLog]\n[Dev.Service]"))],
        passing: [RuleExample(device: RuleExample.kernelService().replacingOccurrences(of: "Dev.Service\n[Dev.Service]", with: "Dev.Service, Dev.EventLog, System\n[Dev.EventLog]\n[Dev.Service]"))])

    static let logTypes: Set<String> = ["system", "application", "security"]

    func check(_ context: LintContext, into findings: inout Findings) {
        for (directive, _) in context.addServices {
            guard let type = directive.eventLogType?.trimmingWhitespace(), !type.isEmpty,
                  !Self.logTypes.contains(type.lowercased()) else { continue }
            findings.add(Self.info, "EventLogType '\(type)' is not System, Application or Security", at: directive.line.range(ofField: 5))
        }
    }
}
