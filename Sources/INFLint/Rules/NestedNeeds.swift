import INFModel
import INFSyntax

struct NestedNeeds: LintRule {
    static let info = RuleInfo(
        code: "DK3014", name: "nested-needs",
        summary: "A Needs directive in a section that itself runs only because another section Needs it.",
        severity: .warning,
        whatItDoes: "Reports `Needs` lines of a section of this INF that a reached section names with `Needs`.",
        whyBad: "\"Needs entries cannot be nested\" (INF DDInstall.HW Section): Windows does not follow a needed section's own Needs, so whatever that second level was meant to install is silently left out.",
        references: ["INF DDInstall.HW Section", "INF DDInstall Section"],
        triggering: [RuleExample(device: "[Dev.NT]\nNeeds = Common\n[Common]\nNeeds = ↓Base\nAddReg = Common.Reg\n[Base]\nAddReg = Base.Reg\n[Common.Reg]\nHKR,,A,0x10001,1\n[Base.Reg]\nHKR,,B,0x10001,1\n")],
        passing: [RuleExample(device: "[Dev.NT]\nNeeds = Common, Base\n[Common]\nAddReg = Common.Reg\n[Base]\nAddReg = Base.Reg\n[Common.Reg]\nHKR,,A,0x10001,1\n[Base.Reg]\nHKR,,B,0x10001,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<String>()
        for needed in context.graph.references where needed.directive.lowercased() == "needs" && context.document.hasSection(needed.target) {
            guard reported.insert(needed.target.lowercased()).inserted else { continue }
            for nested in context.document.needs(in: needed.target) {
                findings.add(Self.info, "Needs entries cannot be nested: [\(needed.target)] runs because [\(needed.fromSection)] needs it, so Windows does not process its Needs [\(nested.value)]",
                             at: nested.range)
            }
        }
    }
}
