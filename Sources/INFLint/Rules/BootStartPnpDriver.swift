import INFModel
import INFSyntax

struct BootStartPnpDriver: LintRule {
    static let info = RuleInfo(
        code: "DK5009", name: "boot-start-pnp-driver",
        summary: "A PnP function driver with boot (0) or system (1) start type.",
        severity: .warning,
        whatItDoes: "Reports function drivers (AddService with SPSVCINST_ASSOCSERVICE) whose StartType is 0 or 1.",
        whyBad: "PnP loads function drivers when the device is found; a boot or system start type loads the driver early with no device, and a broken boot-start driver makes Windows unbootable. Use SERVICE_DEMAND_START (3) unless the device is needed to boot.",
        references: ["INF AddService Directive", "Specifying Driver Load Order"],
        triggering: [RuleExample(device: "SVC[Dev.Service]\nServiceType = 1\nStartType = ↓1\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n".replacingOccurrences(of: "SVC", with: Fixtures.service))],
        passing: [RuleExample(device: "SVC[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n".replacingOccurrences(of: "SVC", with: Fixtures.service))])

    static let bootGroups: Set<String> = ["boot bus extender", "system bus extender", "scsi miniport", "scsi class", "primary disk",
                                          "filter", "file system", "boot file system", "keyboard port", "pointer port", "video", "base", "network"]

    func check(_ context: LintContext, into findings: inout Findings) {
        for (section, directive) in context.serviceInstallSections where directive.isFunctionDriver {
            guard let start = section.startType, let n = IntegerField.parse(start.value), n <= 1 else { continue }
            if let group = section.loadOrderGroup?.value.lowercased(), Self.bootGroups.contains(group) { continue }
            findings.add(Self.info, "function driver '\(directive.serviceName)' starts at \(n == 0 ? "boot" : "system") time; PnP drivers should be demand-start (3) unless needed to boot", at: start.range)
        }
    }
}
