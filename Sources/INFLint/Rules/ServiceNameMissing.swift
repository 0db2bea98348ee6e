import INFModel
import INFSyntax

struct ServiceNameMissing: LintRule {
    static let info = RuleInfo(
        code: "DK5020", name: "service-name-missing",
        summary: "An AddService or DelService line without a service name (other than a null driver).",
        severity: .error, infVerif: 1253,
        whatItDoes: "Reports AddService lines with an empty service name, unless they set SPSVCINST_ASSOCSERVICE (0x2) as a null driver's `AddService = ,2` does, and DelService lines with an empty name, in reached sections.",
        whyBad: "Windows skips the directive: no service is installed or deleted, and the device's driver is not what the INF's author meant. An empty name is right only for a device that runs without a function driver (raw), and that needs the SPSVCINST_ASSOCSERVICE flag. InfVerif 1253.",
        references: ["INF AddService Directive", "INF DelService Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\n↓AddService = , 0, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = , 0x00000002\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (directive, _) in context.addServices where directive.serviceName.isEmpty && !directive.isFunctionDriver {
            findings.add(Self.info, "AddService has no service name and no SPSVCINST_ASSOCSERVICE flag: Windows skips it", at: directive.line.range)
        }
        for line in context.reachedLines(key: "DelService") where (line.field(1) ?? "").trimmingWhitespace().isEmpty {
            findings.add(Self.info, "DelService has no service name: Windows skips it", at: line.range)
        }
    }
}
