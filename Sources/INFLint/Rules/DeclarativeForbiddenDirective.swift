import INFModel
import INFSyntax

struct DeclarativeForbiddenDirective: LintRule {
    static let info = RuleInfo(
        code: "DK7010", name: "declarative-forbidden-directive",
        summary: "A directive declarative (DCH) INFs may not use.",
        mode: .declarative, severity: .error,
        whatItDoes: "Reports BitReg, UpdateInis, UpdateIniFields, Ini2Reg, ProfileItems, RegisterDlls, UnregisterDlls, Reboot and Restart in reached install sections.",
        whyBad: "Declarative packages describe state; these directives run code, edit shared files or demand reboots, which Windows cannot undo or apply in its offline servicing.",
        references: ["Declarative (DCH) driver packages", "InfVerif /k"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓Reboot\n")],
        passing: [RuleExample(device: "[Dev.NT]\n")])

    static let forbidden: Set<String> = ["bitreg", "updateinis", "updateinifields", "ini2reg", "profileitems", "registerdlls",
                                         "unregisterdlls", "reboot", "restart"]

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.graph.roles.keys.sorted() {
            for line in context.document.lines(in: name) {
                guard let key = line.key?.lowercased(), Self.forbidden.contains(key) else { continue }
                findings.add(Self.info, "\(line.key!) is not allowed in a declarative INF", at: line.range)
            }
        }
    }
}
