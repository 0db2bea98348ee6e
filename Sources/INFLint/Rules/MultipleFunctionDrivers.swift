import INFModel
import INFSyntax

struct MultipleFunctionDrivers: LintRule {
    static let info = RuleInfo(
        code: "DK5011", name: "multiple-function-drivers",
        summary: "Two AddService lines with SPSVCINST_ASSOCSERVICE in one .Services section.",
        severity: .error, infVerif: 1211,
        whatItDoes: "Reports .Services sections that mark more than one service as the device's function driver (flag 0x2).",
        whyBad: "A device has exactly one function driver; Windows takes one of them and the other never loads as intended.",
        references: ["INF AddService Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n↓AddService = dev2, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\nAddService = filter, , Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let grouped = Dictionary(grouping: context.addServices, by: { $0.section.lowercased() })
        for (_, entries) in grouped {
            let functions = entries.filter { $0.directive.isFunctionDriver }
            for extra in functions.dropFirst() {
                findings.add(Self.info, "'\(extra.directive.serviceName)' is a second function driver in [\(extra.section)] (first: '\(functions[0].directive.serviceName)')", at: extra.directive.line.range)
            }
        }
    }
}
