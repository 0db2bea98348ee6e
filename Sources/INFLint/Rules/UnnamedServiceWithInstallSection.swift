import INFModel
import INFSyntax

struct UnnamedServiceWithInstallSection: LintRule {
    static let info = RuleInfo(
        code: "DK5027", name: "unnamed-service-install-section",
        summary: "A null driver's AddService (no service name) that names a service-install section.",
        severity: .error, infVerif: 1272,
        whatItDoes: "Reports `AddService = , 0x00000002, Section` lines: the service name is empty, as a device that runs without a function driver writes it, yet a service-install section is named. (Without the SPSVCINST_ASSOCSERVICE flag the whole line is skipped: DK5020.)",
        whyBad: "With no name there is no service to install, so Windows ignores the section: the ServiceType, StartType, ServiceBinary and registry lines written there never take effect, and the device runs raw. Either the name was forgotten or the section is dead. InfVerif 1272.",
        references: ["INF AddService Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = , 0x00000002, ↓Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = , 0x00000002\n"),
                  RuleExample(device: RuleExample.kernelService())])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (directive, _) in context.addServices where directive.serviceName.isEmpty && directive.isFunctionDriver {
            guard let section = directive.installSection?.trimmingWhitespace(), !section.isEmpty else { continue }
            findings.add(Self.info, "AddService has no service name, so Windows ignores its service-install section [\(section)]: name the service, or drop the section for a device without a function driver",
                         at: directive.line.range(ofField: 3))
        }
    }
}
