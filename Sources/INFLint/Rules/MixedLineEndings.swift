import INFSyntax

struct MixedLineEndings: LintRule {
    static let info = RuleInfo(
        code: "DK1011", name: "mixed-line-endings",
        summary: "The file mixes LF and CRLF line ends.",
        severity: .warning,
        whatItDoes: "Reports files where some lines end in LF and others in CRLF.",
        whyBad: "SetupAPI copes, but mixed line ends show that the file was edited by tools disagreeing about its format, and the lone `\\r` stays in values with an unclosed quote.",
        fix: (.safe, "Rewrites the minority line ends in the majority style (lines with an unclosed quote are left alone)."),
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\r\nSignature = \"$Windows NT$\"\r\n[S]\r\nA = 1↓\nB = 2\r\n")],
        passing: [RuleExample("[Version]\r\nSignature = \"$Windows NT$\"\r\n[S]\r\nA = 1\r\nB = 2\r\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let tree = context.tree
        let units = tree.source.units
        var lf: [Int] = [], crlf: [Int] = []
        var skip = Set<Int>()
        for line in tree.lines where line.kind == .entry && line.hasUnterminatedQuote { skip.insert(Int(line.end) - 1) }
        for i in 0..<units.count where units[i] == 0x0A {
            if i > 0 && units[i - 1] == 0x0D { crlf.append(i - 1) } else { lf.append(i) }
        }
        guard !lf.isEmpty && !crlf.isEmpty else { return }
        let toCRLF = crlf.count >= lf.count
        let minority = toCRLF ? lf : crlf
        let edits: [SourceEdit] = minority.filter { !skip.contains($0) && !skip.contains($0 + 1) }.map {
            toCRLF ? SourceEdit(range: $0..<$0 + 1, replacement: "\r\n") : SourceEdit(range: $0..<$0 + 2, replacement: "\n")
        }
        let first = minority[0]
        findings.add(Self.info, "\(lf.count) LF and \(crlf.count) CRLF line ends; use \(toCRLF ? "CRLF" : "LF") throughout",
                     at: first..<first + (toCRLF ? 1 : 2), fix: edits.isEmpty ? nil : Fix("use one line-end style", safety: .safe, edits: edits))
    }
}
