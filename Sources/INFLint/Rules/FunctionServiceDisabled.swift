import INFModel
import INFSyntax

struct FunctionServiceDisabled: LintRule {
    static let info = RuleInfo(
        code: "DK5017", name: "function-service-disabled",
        summary: "A device's function driver is installed disabled (StartType 4).",
        severity: .warning, infVerif: 1251,
        whatItDoes: "Reports the StartType of a service that an AddService with SPSVCINST_ASSOCSERVICE (0x2) installs as a device's function driver when it is 4, SERVICE_DISABLED.",
        whyBad: "The device's own driver never loads: every device the INF installs on stops with Code 32 (\"A driver (service) for this device has been disabled\") until someone changes the service's Start value by hand. InfVerif warns about it (1251).",
        references: ["INF AddService Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: RuleExample.kernelService(startType: "↓4"))],
        passing: [RuleExample(device: RuleExample.kernelService(startType: "3"))])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (section, directive) in context.serviceInstallSections where directive.isFunctionDriver {
            guard let start = section.startType, IntegerField.parse(start.value) == 4 else { continue }
            findings.add(Self.info, "function driver '\(directive.serviceName)' is installed disabled (StartType 4): its devices get Code 32", at: start.range)
        }
    }
}
