import INFModel
import INFSyntax

struct DefaultInstallWithManufacturer: LintRule {
    static let info = RuleInfo(
        code: "DK4008", name: "defaultinstall-with-manufacturer",
        summary: "An INF with both [DefaultInstall] and [Manufacturer].",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1212,
        whatItDoes: "Reports INFs that have a [Manufacturer] section and a DefaultInstall section.",
        whyBad: "A device INF is installed through its models; DefaultInstall then runs only through right-click Install or InstallHinfSection, doing a second, different install that pnputil never performs.",
        references: ["INF DefaultInstall Section", "InfVerif 1212"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓[DefaultInstall.NTamd64]\n")],
        passing: [RuleExample(device: "[Dev.NT]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF else { return }
        for section in context.document.sections where section.name.lowercased().hasPrefix("defaultinstall") {
            let rest = section.name.dropFirst("defaultinstall".count)
            guard rest.isEmpty || rest.hasPrefix(".") else { continue }
            findings.add(Self.info, "[\(section.name)] in an INF with [Manufacturer]: a device INF installs through its models", at: context.headerRange(of: section.name))
        }
    }
}
