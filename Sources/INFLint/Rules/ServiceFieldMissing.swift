import INFModel
import INFSyntax

struct ServiceFieldMissing: LintRule {
    static let info = RuleInfo(
        code: "DK5007", name: "service-field-missing",
        summary: "A service-install section without ServiceType, StartType, ErrorControl or ServiceBinary.",
        severity: .error, infVerif: 1289,
        whatItDoes: "Reports service-install sections that lack one of the four required entries.",
        whyBad: "SetupAPI refuses to create the service (ERROR_BAD_SERVICE_INSTALLSECT) and the device install fails.",
        references: ["INF AddService Directive"],
        triggering: [RuleExample(device: "SVC↓[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\n".replacingOccurrences(of: "SVC", with: Fixtures.service))],
        passing: [RuleExample(device: "SVC[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n".replacingOccurrences(of: "SVC", with: Fixtures.service))])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (section, _) in context.serviceInstallSections {
            let missing = [("ServiceType", section.serviceType), ("StartType", section.startType),
                           ("ErrorControl", section.errorControl), ("ServiceBinary", section.serviceBinary)].filter { $0.1 == nil }.map(\.0)
            guard !missing.isEmpty else { continue }
            findings.add(Self.info, "[\(section.name)] has no \(missing.joined(separator: ", ")): SetupAPI cannot create the service", at: context.headerRange(of: section.name))
        }
    }
}

/// Snippets shared by several rules' examples.
enum Fixtures {
    /// A function driver install up to (not including) its service-install section.
    static let service = "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,DeviceType,0x10001,0x22\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n"
}
