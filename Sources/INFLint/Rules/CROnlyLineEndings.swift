import INFSyntax

struct CROnlyLineEndings: LintRule {
    static let info = RuleInfo(
        code: "DK1010", name: "cr-only-line-endings",
        summary: "Lines end with a lone CR, which SetupAPI does not treat as a line end.",
        severity: .error,
        whatItDoes: "Reports files whose lines end in `\\r` without `\\n` (classic Mac OS line ends).",
        whyBad: "SetupAPI ends lines only at `\\n`: the whole file is one line, its first section header swallows everything else, and the INF is refused (no [Version] signature).",
        fix: (.unsafe, "Turns each lone CR into CRLF."),
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("↓[Version]\rSignature = \"$Windows NT$\"\r")],
        passing: [RuleExample("[Version]\r\nSignature = \"$Windows NT$\"\r\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let units = context.tree.source.units
        var edits: [SourceEdit] = []
        var count = 0
        for i in 0..<units.count where units[i] == 0x0D && (i + 1 == units.count || units[i + 1] != 0x0A) {
            count += 1
            edits.append(SourceEdit(range: i..<i + 1, replacement: "\r\n"))
        }
        guard count > 0, context.tree.source.lineEndings == .cr else { return }
        findings.add(Self.info, "lines end with a lone CR (\(count) of them); SetupAPI reads the file as a single line", at: 0..<0,
                     fix: Fix("use CRLF line ends", safety: .unsafe, edits: edits))
    }
}
