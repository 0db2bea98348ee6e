import INFModel
import INFSyntax

struct RegistryLineOutsideAddReg: LintRule {
    static let info = RuleInfo(
        code: "DK3019", name: "registry-line-outside-addreg",
        summary: "A registry line (`HKR,,Value,…`) written straight into an install, service or event-log section, where SetupAPI reads only directives.",
        severity: .warning,
        whatItDoes: "Reports lines without a key whose first field is a registry root (HKR, HKLM, HKCR, HKCU, HKU) in reached sections that SetupAPI reads for directives: DDInstall and its companions, DefaultInstall, ClassInstall32, service-install, event-log-install and interface-install sections. The line is meant for a section that an AddReg directive names.",
        whyBad: "These sections are read for their keys (AddReg, CopyFiles, ServiceType…); a line without a key is no directive and is skipped without a word, so the value is never written. An event log's EventMessageFile written this way leaves Event Viewer unable to show the driver's messages. Move the lines to a section of their own and name it with `AddReg =`.",
        references: ["INF AddReg Directive", "INF AddService Directive", "INF DDInstall Section"],
        triggering: [RuleExample(device: RuleExample.kernelService().replacingOccurrences(of: "Dev.Service\n[Dev.Service]", with: "Dev.Service, Dev.EventLog\n[Dev.Service]")
                                    + "[Dev.EventLog]\n↓HKR,,EventMessageFile,0x00020000,\"%%SystemRoot%%\\System32\\IoLogMsg.dll\"\n")],
        passing: [RuleExample(device: RuleExample.kernelService().replacingOccurrences(of: "Dev.Service\n[Dev.Service]", with: "Dev.Service, Dev.EventLog\n[Dev.Service]")
                                 + "[Dev.EventLog]\nAddReg = Dev.EventLog.Reg\n[Dev.EventLog.Reg]\nHKR,,EventMessageFile,0x00020000,\"%%SystemRoot%%\\System32\\IoLogMsg.dll\"\n")])

    /// Sections SetupAPI reads for directives (their keyless lines are skipped).
    static let directiveRoles: Set<SectionRole> = [.install, .hardware, .services, .interfaces, .coInstallers, .classInstall,
                                                   .defaultInstall, .serviceInstall, .eventLog, .interfaceInstall]

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.reachedSections(Self.directiveRoles) {
            let section = context.document.section(name)?.name ?? name
            for line in context.document.lines(in: name) where line.key == nil {
                guard let first = line.field(1), RegistryRoot(first) != nil else { continue }
                findings.add(Self.info, "registry line in [\(section)], which is read for directives: SetupAPI skips it; put it in a section named by `AddReg =`",
                             at: line.range)
            }
        }
    }
}
