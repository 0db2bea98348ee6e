import INFModel
import INFSyntax

struct ExternalStateOperation: LintRule {
    static let info = RuleInfo(
        code: "DK7006", name: "external-state-operation",
        summary: "A directive that deletes or renames state outside the driver package.",
        mode: .universal, severity: .error, infVerif: 1302,
        whatItDoes: "Reports DelService, DelFiles, RenFiles and DelReg directives in reached install sections.",
        whyBad: "They change things the package did not create (other services, files, keys); universal INFs may only add their own state, which Windows removes with the package.",
        references: ["InfVerif 1302", "Using a Universal INF File"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓DelFiles = Old.Files\n[Old.Files]\nold.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.graph.roles.keys.sorted() {
            for line in context.document.lines(in: name) {
                guard let key = line.key?.lowercased(), ["delservice", "delfiles", "renfiles", "delreg"].contains(key) else { continue }
                findings.add(Self.info, "\(line.key!) changes state outside the package: universal INFs may not", at: line.range)
            }
        }
    }
}
