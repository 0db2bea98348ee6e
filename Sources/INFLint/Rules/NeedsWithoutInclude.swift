import INFModel
import INFSyntax

struct NeedsWithoutInclude: LintRule {
    static let info = RuleInfo(
        code: "DK7008", name: "needs-without-include",
        summary: "A Needs directive for a section of another INF without an Include in the same section.",
        mode: .universal, severity: .error, infVerif: 1313,
        whatItDoes: "Reports `Needs` naming a section this INF does not have, when the same section has no `Include`.",
        whyBad: "SetupAPI finds the needed section only in INFs named by Include in that section; relying on an Include elsewhere works by accident and breaks when the INF is reorganised.",
        references: ["InfVerif 1313"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nNeeds = ↓PCI.Install.Services\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nInclude = machine.inf\nNeeds = PCI.Install.Services\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.graph.roles.keys.sorted() where context.document.includes(in: name).isEmpty {
            for ref in context.document.needs(in: name) where !context.document.hasSection(ref.value) {
                findings.add(Self.info, "Needs names [\(ref.value)] from another INF but this section has no Include", at: ref.range)
            }
        }
    }
}
