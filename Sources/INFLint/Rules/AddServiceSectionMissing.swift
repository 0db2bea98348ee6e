import INFModel
import INFSyntax

struct AddServiceSectionMissing: LintRule {
    static let info = RuleInfo(
        code: "DK5006", name: "addservice-section-missing",
        summary: "An AddService line without a service-install section.",
        severity: .error, infVerif: 1005,
        whatItDoes: "Reports `AddService = Name, flags` lines with a service name but no third field. (DK3016 reports the other directives that name no section.)",
        whyBad: "SetupAPI needs the service-install section to create the service; without it the install fails (ERROR_BAD_SERVICE_INSTALLSECT). Only the null driver, `AddService = ,2`, has no section.",
        references: ["INF AddService Directive", "InfVerif 1005"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\n↓AddService = dev, 0x00000002\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = , 0x00000002\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (directive, _) in context.addServices where !directive.serviceName.isEmpty && directive.installSection == nil {
            findings.add(Self.info, "AddService for '\(directive.serviceName)' names no service-install section: SetupAPI cannot create the service", at: directive.line.range)
        }
    }
}
