import INFModel
import INFSyntax

struct SectionSharedByDirectives: LintRule {
    static let info = RuleInfo(
        code: "DK3010", name: "section-shared-by-directives",
        summary: "One section is named by two different kinds of directive.",
        severity: .warning, infVerif: 1205,
        whatItDoes: "Reports a section referenced both as, say, a CopyFiles list and a DelFiles list, or an AddReg and a DelReg section.",
        whyBad: "Each directive reads the lines with its own meaning, so one of the two uses does something unintended (deleting the files just copied, for example).",
        references: ["InfVerif 1205"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\nDelFiles = ↓Dev.Files\n[Dev.Files]\ndev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var first: [String: SectionReference] = [:]
        var reported = Set<String>()
        for ref in context.graph.references {
            let key = ref.target.lowercased()
            let directive = ref.directive.lowercased()
            if directive == "needs" || directive == "addservice" || directive == "addinterface" { continue }
            if let earlier = first[key] {
                if earlier.directive.lowercased() != directive, reported.insert(key).inserted {
                    findings.add(Self.info, "[\(ref.target)] is used by both \(earlier.directive) and \(ref.directive)", at: ref.range)
                }
            } else {
                first[key] = ref
            }
        }
    }
}
