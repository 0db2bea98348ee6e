import INFModel
import INFSyntax

struct ServiceStartTypeForType: LintRule {
    static let info = RuleInfo(
        code: "DK5041", name: "service-start-type-for-type",
        summary: "A Win32 service (ServiceType 0x10 or 0x20) with boot (0) or system (1) start.",
        severity: .warning, infVerif: 1252,
        whatItDoes: "Reports service-install sections of reached AddService lines whose ServiceType is a Win32 service (SERVICE_WIN32_OWN_PROCESS or SERVICE_WIN32_SHARE_PROCESS, with or without 0x100) and whose StartType is SERVICE_BOOT_START (0) or SERVICE_SYSTEM_START (1).",
        whyBad: "CreateService: boot and system start are \"valid only for driver services\"; the boot loader and the I/O manager load drivers, not processes. The Service Control Manager refuses the configuration, so the service is not created.",
        references: ["INF AddService Directive", "CreateServiceW function (winsvc.h)", "InfVerif 1252"],
        triggering: [RuleExample(device: Self.service(startType: "↓1"))],
        passing: [RuleExample(device: Self.service(startType: "2"))])

    static func service(startType: String) -> String {
        "[Dev.NT]\n[Dev.NT.Services]\nAddService = ,2\nAddService = ContosoSvc,, Svc.Install\n[Svc.Install]\nServiceType = 0x10\n"
            + "StartType = \(startType)\nErrorControl = 1\nServiceBinary = %13%\\svc.exe\n"
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        for (section, directive) in context.serviceInstallSections {
            guard let type = section.serviceType, let start = section.startType,
                  let typeValue = IntegerField.parse(type.value), [0x10, 0x20, 0x110, 0x120].contains(typeValue),
                  let startValue = IntegerField.parse(start.value), startValue <= 1 else { continue }
            let kind = startValue == 0 ? "boot" : "system"
            findings.add(Self.info, "service '\(directive.serviceName)' is a Win32 service (ServiceType \(type.value)) and cannot have \(kind) start: only drivers load at \(kind) start",
                         at: start.range)
        }
    }
}
