import INFModel
import INFSyntax

struct StringUnused: LintRule {
    static let info = RuleInfo(
        code: "DK3004", name: "string-unused",
        summary: "A string defined in [Strings] that nothing uses.",
        severity: .info,
        whatItDoes: "Reports [Strings] keys that no `%token%` in the INF refers to.",
        whyBad: "Unused strings are dead text that translators still translate; they often mean a reference was misspelled.",
        references: ["INF Strings Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = %Mfg%\n[Strings]\nMfg = \"Contoso\"\n↓Unused = \"nobody\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = %Mfg%\n[Strings]\nMfg = \"Contoso\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let used = Set(context.stringUses.map { $0.name.lowercased() })
        for line in context.document.lines(in: "Strings") {
            guard let key = line.rawKey, context.tree.lines[line.index].hasExplicitKey, !used.contains(key.lowercased()) else { continue }
            findings.add(Self.info, "string '\(key)' is never used", at: line.keyRange ?? line.range)
        }
    }
}
