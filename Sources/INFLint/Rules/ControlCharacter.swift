import INFSyntax

struct ControlCharacter: LintRule {
    static let info = RuleInfo(
        code: "DK1012", name: "control-character",
        summary: "A NUL, Ctrl-Z or other control character in the text.",
        severity: .warning,
        whatItDoes: "Reports control characters other than tab, CR, LF, VT and FF.",
        whyBad: "SetupAPI reads NUL as a blank and stops reading the file at the first Ctrl-Z (0x1A), so everything after it is silently ignored; other control characters end up in values.",
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nA = 1↓\u{1A}\nB = 2\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nA = 1\nB = 2\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let units = context.tree.source.units
        var reported = 0
        for i in 0..<units.count {
            let u = units[i]
            guard u < 0x20, u != 0x09, u != 0x0A, u != 0x0D, u != 0x0B, u != 0x0C else { continue }
            if u == 0x1A {
                findings.add(Self.info, "Ctrl-Z (0x1A): SetupAPI stops reading here and ignores the \(units.count - i - 1) characters after it", at: i..<i + 1)
                return
            }
            let name = u == 0 ? "NUL (read as a blank)" : "control character U+\(String(format: "%04X", u))"
            findings.add(Self.info, "\(name) in the text", at: i..<i + 1)
            reported += 1
            if reported >= 20 { return }
        }
    }
}
