import INFSyntax

struct TextAfterSectionHeader: LintRule {
    static let info = RuleInfo(
        code: "DK1005", name: "text-after-section-header",
        summary: "Text after a section header's `]` that is not a comment.",
        severity: .warning,
        whatItDoes: "Reports anything but blanks or a `;` comment after `]` on a header line.",
        whyBad: "SetupAPI ignores everything after the first `]`, so this text has no effect; it is usually a value that was meant to be on its own line, or a second header.",
        fix: (.safe, "Turns the text into a comment, which is what SetupAPI already reads it as."),
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version] ↓Signature = \"$Windows NT$\"\n")],
        passing: [RuleExample("[Version] ; the version section\nSignature = \"$Windows NT$\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let units = context.tree.source.units
        for line in context.tree.lines where line.kind == .sectionHeader {
            var start = Int(line.closeBracket) + 1
            let end = line.comment >= 0 ? Int(line.comment) : Int(line.contentEnd)
            while start < end && (units[start] == 0x20 || units[start] == 0x09 || units[start] == 0x0D) { start += 1 }
            var stop = end
            while stop > start && (units[stop - 1] == 0x20 || units[stop - 1] == 0x09 || units[stop - 1] == 0x0D) { stop -= 1 }
            guard stop > start else { continue }
            let fix = Fix("comment out the text", safety: .safe, edits: [SourceEdit(range: start..<start, replacement: "; ")])
            findings.add(Self.info, "text after ']' is ignored by SetupAPI; put it on its own line or make it a comment", at: start..<stop, fix: fix)
        }
    }
}
