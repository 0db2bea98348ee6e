import INFModel
import INFSyntax

struct AddFilterInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5022", name: "add-filter-invalid",
        summary: "An AddFilter line Windows cannot apply: no service or section, flags not 0, or a filter section without exactly one valid FilterLevel or FilterPosition.",
        severity: .error, infVerif: 1087,
        whatItDoes: "Reports AddFilter lines of reached `.Filters` sections whose service name or filter-install section is missing, whose flags are not 0, or whose section gives both FilterLevel and FilterPosition (InfVerif 1087), neither (1080), or a FilterPosition other than Upper or Lower (1081).",
        whyBad: "\"INF AddFilter Directive\": the section must give either a filter level or a position, not both, and the flags are reserved. Otherwise the filter is not added to the device's stack, and nothing says so at install time.",
        references: ["INF AddFilter Directive", "INF DDInstall.Filters Section", "Device filter driver ordering", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Filters]\n↓AddFilter = ContosoFilter,, Contoso.Filter\n[Contoso.Filter]\nFilterLevel = Encryption\nFilterPosition = Upper\n"),
                     RuleExample(device: "[Dev.NT]\n[Dev.NT.Filters]\n↓AddFilter = ContosoFilter,, Contoso.Filter\n[Contoso.Filter]\nFilterPosition = Middle\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Filters]\nAddFilter = ContosoFilter, 0, Contoso.Filter\n[Contoso.Filter]\nFilterPosition = upper\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (name, _) in context.graph.roles.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".filters") {
            for line in context.document.lines(in: name, key: "AddFilter") {
                guard let problem = AddFilterDirective(line: line, in: context.document).problem else { continue }
                findings.add(Self.info, "AddFilter \(line.field(1) ?? ""): \(problem); Windows does not add the filter", at: line.range)
            }
        }
    }
}
