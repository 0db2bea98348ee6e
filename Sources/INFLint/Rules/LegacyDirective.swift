import INFModel
import INFSyntax

struct LegacyDirective: LintRule {
    static let info = RuleInfo(
        code: "DK7001", name: "legacy-directive",
        summary: "A co-installer section or LogConfig directive in a universal INF.",
        mode: .universal, severity: .error, infVerif: 1300,
        whatItDoes: "Reports `.CoInstallers` sections and `LogConfig` directives reached from install sections.",
        whyBad: "Universal INFs run without co-installers or class installers, and LogConfig is ignored on current Windows; both fail InfVerif /u.",
        references: ["Using a Universal INF File", "InfVerif 1300"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓[Dev.NT.CoInstallers]\nAddReg = Dev.CoInstaller.AddReg\n[Dev.CoInstaller.AddReg]\nHKR,,Value,,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (name, role) in context.graph.roles.sorted(by: { $0.key < $1.key }) {
            if role == .coInstallers, context.document.hasSection(name) {
                findings.add(Self.info, "[\(context.document.section(name)!.name)] installs co-installers, which universal INFs may not use", at: context.headerRange(of: name))
            }
            for line in context.document.lines(in: name, key: "LogConfig") {
                findings.add(Self.info, "LogConfig is a legacy directive that universal INFs may not use", at: line.range)
            }
        }
    }
}
