import INFModel
import INFSyntax

struct CopyINFNotINF: LintRule {
    static let info = RuleInfo(
        code: "DK5026", name: "copyinf-not-inf",
        summary: "A CopyINF directive naming a file that is not an INF.",
        severity: .error, infVerif: 1110,
        whatItDoes: "Reports the files of CopyINF directives, in reached sections, whose name does not end in `.inf`.",
        whyBad: "CopyINF stages the driver package an INF heads: Windows cannot stage anything from a driver binary, catalog or other file, so the package that file belongs with is missing when the device it serves installs. Files of the package itself are copied with CopyFiles. InfVerif 1110.",
        references: ["INF CopyINF Directive", "Copying INF Files", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyINF = child.inf, ↓child.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyINF = child.inf\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.reachedLines(key: "CopyINF") {
            for (i, field) in line.fields.enumerated() {
                let file = LintContext.fileName(ofPath: field.trimmingWhitespace())
                guard !file.isEmpty, !file.lowercased().hasSuffix(".inf") else { continue }
                findings.add(Self.info, "CopyINF names \(file), which is not an INF: copy a package's files with CopyFiles", at: line.range(ofField: i + 1))
            }
        }
    }
}
