import INFModel
import INFSyntax

struct DuplicateSection: LintRule {
    static let info = RuleInfo(
        code: "DK1013", name: "duplicate-section",
        summary: "A section header appears more than once; SetupAPI merges the sections.",
        severity: .info, severityByMode: [.universal: .error], infVerif: 1209,
        whatItDoes: "Reports a second `[Name]` header for a section already opened (names compare case-insensitively).",
        whyBad: "SetupAPI appends the second section's lines to the first, which is legal but easy to miss: a reader editing one part does not see the other. InfVerif rejects it (1209), so from universal mode on it is an error.",
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nA = 1\n↓[strings]\nB = 2\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nA = 1\nB = 2\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.document.sections where section.headerLines.count > 1 {
            let first = context.tree.lineNumber(of: Int(context.tree.lines[section.headerLines[0]].start))
            for h in section.headerLines.dropFirst() {
                let line = context.tree.lines[h]
                findings.add(Self.info, "[\(section.name)] also starts at line \(first); SetupAPI merges the two", at: Int(line.start)..<Int(line.contentEnd))
            }
        }
    }
}
