import INFModel
import INFSyntax

struct FunctionDriverMissing: LintRule {
    static let info = RuleInfo(
        code: "DK5012", name: "function-driver-missing",
        summary: "A device install with no function driver service.",
        severity: .error, infVerif: 1296,
        whatItDoes: "Reports install sections chosen for devices whose `.Services` section is missing or has no AddService with SPSVCINST_ASSOCSERVICE (0x2), and no Include/Needs that could supply one. Extension INFs, network services, protocols and clients, and modems are exempt.",
        whyBad: "Windows installs the driver package but starts no driver: the device shows Code 28 or 31. A device that needs no driver must say so with `AddService = ,2`.",
        references: ["INF DDInstall.Services Section", "InfVerif 1296"],
        triggering: [RuleExample(device: "↓[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = , 0x00000002\n")])

    /// Classes whose devices get their driver elsewhere: extension INFs add to another package, network
    /// services/protocols/clients bind through NetCfg, and modems get the class's modem.sys.
    static let exemptClasses: Set<String> = ["extension", "netservice", "nettrans", "netclient", "modem"]

    func check(_ context: LintContext, into findings: inout Findings) {
        if let cls = context.version.class?.value.lowercased(), Self.exemptClasses.contains(cls) { return }
        var seen = Set<String>()
        for use in context.deviceInstalls where seen.insert(use.install.sectionName.lowercased()).inserted {
            let services = use.install.name(of: .services)
            if context.document.addServices(in: services).contains(where: \.isFunctionDriver) { continue }
            if !context.document.needs(in: services).isEmpty || !context.document.includes(in: use.install.sectionName).isEmpty
                || !context.document.needs(in: use.install.sectionName).isEmpty { continue }
            let where_ = context.document.hasSection(services) ? "[\(services)] has no AddService with flag 0x2" : "there is no [\(services)] section"
            findings.add(Self.info, "\(where_): the device gets no function driver (Code 28); use AddService = ,2 if it needs none", at: context.headerRange(of: use.install.sectionName))
        }
    }
}
