import INFModel
import INFSyntax

struct LegacyDirective: LintRule {
    static let info = RuleInfo(
        code: "DK7001", name: "legacy-directive",
        summary: "A co-installer, FactDef or LogConfigOverride section, or a LogConfig directive, in a universal INF.",
        mode: .universal, severity: .error, infVerif: 1300,
        whatItDoes: "Reports `.CoInstallers`, `.FactDef` and `.LogConfigOverride` companions of install sections, and `LogConfig` directives reached from install sections.",
        whyBad: "Universal INFs run without co-installers or class installers, and the resource configuration sections and directives (FactDef, LogConfigOverride, LogConfig) belong to legacy devices that current Windows configures itself; \"Using a Universal INF File\" lists all of them as invalid.",
        references: ["Using a Universal INF File", "InfVerif 1300"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓[Dev.NT.CoInstallers]\nAddReg = Dev.CoInstaller.AddReg\n[Dev.CoInstaller.AddReg]\nHKR,,Value,,1\n"),
                     RuleExample(device: "[Dev.NT]\n↓[Dev.NT.FactDef]\nConfigPriority = HARDRECONFIG\nIOConfig = 3f8-3ff\n")],
        passing: [RuleExample(device: "[Dev.NT]\n")])

    /// Install-section companions invalid in a universal INF besides `.CoInstallers`.
    static let legacyCompanions = ["FactDef", "LogConfigOverride"]

    func check(_ context: LintContext, into findings: inout Findings) {
        for (name, role) in context.graph.roles.sorted(by: { $0.key < $1.key }) {
            if let section = context.document.section(name) {
                if role == .coInstallers {
                    findings.add(Self.info, "[\(section.name)] installs co-installers, which universal INFs may not use", at: context.headerRange(of: name))
                } else if role == .otherCompanion, let legacy = Self.legacyCompanions.first(where: { name.hasSuffix("." + $0.lowercased()) }) {
                    findings.add(Self.info, "[\(section.name)] is a \(legacy) section, which universal INFs may not have", at: context.headerRange(of: name))
                }
            }
            for line in context.document.lines(in: name, key: "LogConfig") {
                findings.add(Self.info, "LogConfig is a legacy directive that universal INFs may not use", at: line.range)
            }
        }
    }
}
