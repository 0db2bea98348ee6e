import INFModel
import INFSyntax

struct DirectiveIgnoredInSection: LintRule {
    static let info = RuleInfo(
        code: "DK3015", name: "directive-ignored-in-section",
        summary: "A directive in a section whose SetupAPI call never reads it (AddService outside `.Services`, CopyFiles in `.HW`…).",
        severity: .error, infVerif: 1290,
        whatItDoes: "Reports directives of reached install sections that the SetupAPI call processing the section passes over: AddService, DelService and AddInterface in an install, `.CoInstallers`, DefaultInstall or ClassInstall32 section; anything but AddReg, DelReg, BitReg, Include and Needs in a `.HW` section; anything but AddService, DelService, Include and Needs in a `.Services` section; anything but AddInterface, Include and Needs in an `.Interfaces` section. A needed section counts as the kind of section that needs it.",
        whyBad: "Windows installs each companion with its own call: the install section with SetupInstallFromInfSection, `.HW` with SPINST_REGISTRY, `.Services` with SetupInstallServicesFromInfSection, `.Interfaces` with SetupDiInstallDeviceInterfaces. Each reads only its own directives and ignores the rest without a word, so an AddService in [DDInstall] leaves the device with no driver service, and a CopyFiles in `.HW` copies nothing.",
        references: ["INF DDInstall Section", "INF DDInstall.HW Section", "INF DDInstall.Services Section", "INF DDInstall.Interfaces Section", "InfVerif 1290"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n↓AddService = dev, 0x00000002, Dev.Service\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = , 0x00000002\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n"),
                     RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\n↓CopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = , 0x00000002\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")])

    /// The SetupAPI call that processes a section of `role`; nil for sections no such call reads.
    static func step(for role: SectionRole) -> InstallStep? {
        switch role {
        case .install, .defaultInstall, .classInstall, .coInstallers: return .install
        case .hardware: return .hardware
        case .services: return .services
        case .interfaces: return .interfaces
        default: return nil
        }
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        let needed = Set(context.graph.references.filter { $0.directive.lowercased() == "needs" }.map { $0.target.lowercased() })
        for (name, role) in context.graph.roles.sorted(by: { $0.key < $1.key }) {
            guard let step = Self.step(for: role), let section = context.document.section(name) else { continue }
            for line in context.document.lines(in: name) {
                guard let key = line.key, let message = step.ignoredMessage(key, in: section.name, needed: needed.contains(name)) else { continue }
                findings.add(Self.info, message, at: line.keyRange ?? line.range)
            }
        }
    }
}
