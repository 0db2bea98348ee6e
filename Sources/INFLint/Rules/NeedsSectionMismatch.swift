import INFModel
import INFSyntax

struct NeedsSectionMismatch: LintRule {
    static let info = RuleInfo(
        code: "DK7007", name: "needs-section-mismatch",
        summary: "A Needs directive that names a section of another kind.",
        mode: .universal, severity: .error, infVerif: 1310, alsoInfVerif: [1311],
        whatItDoes: "Reports `Needs` in a `.Services`, `.HW`, `.Interfaces`, `.CoInstallers` or `.Wdf` section naming a section without the same suffix (InfVerif 1311 when it has none), and the reverse.",
        whyBad: "Needs pastes the named section's directives into this one; a DDInstall section pasted into a .Services section (or the reverse) runs directives that mean nothing there.",
        references: ["InfVerif 1310", "Source Media for INFs"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nInclude = machine.inf\nNeeds = ↓PCI.Install\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nInclude = machine.inf\nNeeds = PCI.Install.Services\n")])

    static let suffixes = [".services", ".hw", ".interfaces", ".coinstallers", ".wdf"]

    static func suffix(_ name: String) -> String? {
        let lower = name.lowercased()
        return suffixes.first { lower.hasSuffix($0) }
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.graph.roles.keys.sorted() {
            let parent = context.document.section(name)?.name ?? name
            for ref in context.document.needs(in: name) where Self.suffix(name) != Self.suffix(ref.value) {
                if let suffix = Self.suffix(name), Self.suffix(ref.value) == nil {
                    let written = String(parent.suffix(suffix.count))
                    findings.add(Self.info, "Needs in [\(parent)] names [\(ref.value)], which must have the suffix '\(written)' to be read as a section of the same kind",
                                 at: ref.range, infVerif: 1311)
                } else {
                    findings.add(Self.info, "Needs in [\(parent)] names [\(ref.value)], a section of another kind", at: ref.range)
                }
            }
        }
    }
}
