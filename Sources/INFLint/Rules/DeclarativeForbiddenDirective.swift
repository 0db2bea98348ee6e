import INFModel
import INFSyntax

struct DeclarativeForbiddenDirective: LintRule {
    static let info = RuleInfo(
        code: "DK7010", name: "declarative-forbidden-directive",
        summary: "A directive universal INFs may not use (and, in declarative modes, Reboot or Restart).",
        mode: .universal, severity: .error,
        whatItDoes: "Reports BitReg, DelProperty, Ini2Reg, ProfileItems, RegisterDlls, UnregisterDlls, UpdateIniFields and UpdateInis in reached install sections; from `declarative` mode on, Reboot and Restart too.",
        whyBad: "A universal INF may only add state it fully describes. These directives run code (RegisterDlls), edit shared INI files and shortcuts, or flip bits and delete properties whose prior state Windows cannot know, so the result of an install cannot be predicted from the INF or undone; \"Using a Universal INF File\" lists them as invalid. Declarative packages may also not demand a reboot: they describe state and Windows decides when it applies.",
        references: ["Using a Universal INF File", "Declarative (DCH) driver packages", "InfVerif /u, /k"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓RegisterDlls = Dev.Register\n[Dev.Register]\n11,,contoso.dll,1\n"),
                     RuleExample(device: "[Dev.NT]\n↓Reboot\n").inMode(.declarative)],
        passing: [RuleExample(device: "[Dev.NT]\n"),
                  RuleExample(device: "[Dev.NT]\nReboot\n").inMode(.universal)])

    /// Invalid in a universal INF ("Using a Universal INF File"; the Del*/RenFiles/LogConfig entries of that list are DK7006 and DK7001).
    static let universalForbidden: Set<String> = ["bitreg", "delproperty", "ini2reg", "profileitems", "registerdlls", "unregisterdlls",
                                                  "updateinifields", "updateinis"]
    /// Invalid only from declarative mode on.
    static let declarativeForbidden: Set<String> = ["reboot", "restart"]

    func check(_ context: LintContext, into findings: inout Findings) {
        let declarative = context.mode >= .declarative
        for name in context.graph.roles.keys.sorted() {
            for line in context.document.lines(in: name) {
                guard let key = line.key?.lowercased() else { continue }
                if Self.universalForbidden.contains(key) {
                    findings.add(Self.info, "\(line.key!) is not allowed in a universal INF", at: line.range)
                } else if declarative && Self.declarativeForbidden.contains(key) {
                    findings.add(Self.info, "\(line.key!) is not allowed in a declarative INF", at: line.range)
                }
            }
        }
    }
}
