import INFModel
import INFSyntax

struct ServiceKeyRepeated: LintRule {
    static let info = RuleInfo(
        code: "DK5032", name: "service-key-repeated",
        summary: "A service-install section that sets StartType, ServiceBinary or another single value twice: only the first counts.",
        severity: .error, infVerif: 1088,
        whatItDoes: "Reports the second and later lines of a key that a reached service-install section may give once: DisplayName, Description, ServiceType, StartType, ErrorControl, ServiceBinary, LoadOrderGroup, StartName, Security, ServiceSidType, DelayedAutoStart, BootFlags, Dependencies and RequiredPrivileges.",
        whyBad: "SetupAPI reads each of these with SetupFindFirstLine, so the first line wins and the others are dead text. The usual story: a later edit appends `StartType = 2`, the old `StartType = 3` above it stays in force, and the service never starts at boot.",
        references: ["INF AddService Directive", "InfVerif 1088"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n↓StartType = 2\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 2\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var checked = Set<String>()
        for (section, _) in context.serviceInstallSections where checked.insert(section.name.lowercased()).inserted {
            var first: [String: (line: Int, value: String)] = [:]
            for line in context.document.lines(in: section.name) {
                guard let key = line.key, ServiceInstallSection.firstLineKeys.contains(key.lowercased()) else { continue }
                let value = line.text
                if let earlier = first[key.lowercased()] {
                    let differs = earlier.value == value ? "" : " ('\(earlier.value)' stays, '\(value)' is never read)"
                    findings.add(Self.info, "\(key) is already set at line \(earlier.line) of [\(section.name)]; SetupAPI reads only the first\(differs)",
                                 at: line.keyRange ?? line.range)
                } else {
                    first[key.lowercased()] = (context.tree.lineNumber(of: line.range.lowerBound), value)
                }
            }
        }
    }
}
