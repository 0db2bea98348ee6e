import INFSyntax

struct UTF8ReadAsAnsi: LintRule {
    static let info = RuleInfo(
        code: "DK1002", name: "utf8-read-as-ansi",
        summary: "Non-ASCII UTF-8 text without a BOM, which Windows reads in the ANSI code page.",
        severity: .warning, infVerif: 1003,
        whatItDoes: "Reports files without a byte-order mark whose non-ASCII bytes form UTF-8 sequences.",
        whyBad: "Without a BOM SetupAPI decodes the file in the system ANSI code page (Windows-1252 on most machines), so `é` written in UTF-8 shows up as `Ã©` in Device Manager and in the registry.",
        references: ["General Syntax Rules for INF Files", "InfVerif 1003"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nDesc = \"Gr↓äte\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nDesc = \"Geraete\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard case .ansi = context.tree.source.encoding else { return }
        let units = context.tree.source.units
        guard let first = units.firstIndex(where: { $0 >= 0x80 }) else { return }
        guard let bytes = try? context.tree.source.encoded(), String(validating: bytes, as: UTF8.self) != nil else { return }
        findings.add(Self.info, "this text is UTF-8 but the file has no BOM, so Windows reads it as Windows-1252 (mojibake); save the file as UTF-16LE", at: first..<first + 1)
    }
}
