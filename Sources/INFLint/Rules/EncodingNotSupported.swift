import INFSyntax

struct EncodingNotSupported: LintRule {
    static let info = RuleInfo(
        code: "DK1001", name: "encoding-not-ansi-or-utf16le",
        summary: "The file is UTF-8 with a BOM or UTF-16BE; InfVerif accepts only ANSI or UTF-16LE.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1003,
        whatItDoes: "Reports INF files stored as UTF-8 with a byte-order mark, or as big-endian UTF-16.",
        whyBad: "SetupAPI reads a UTF-8 file only when it starts with a BOM, and InfVerif (code 1003) refuses any encoding but ANSI and UTF-16LE, so the package fails submission. Tools that do not expect a BOM also misread the first section name.",
        fix: nil,
        references: ["INF Validation Errors and Warnings", "General Syntax Rules for INF Files"],
        triggering: [RuleExample("↓\u{FEFF}[Version]\nSignature = \"$Windows NT$\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        switch context.tree.source.encoding {
        case .utf8(bom: true):
            findings.add(Self.info, "the file is UTF-8 with a BOM; InfVerif accepts only ANSI or UTF-16LE: save it as UTF-16LE", at: 0..<0)
        case .utf16BE:
            findings.add(Self.info, "the file is UTF-16 big-endian; SetupAPI and InfVerif expect UTF-16LE: save it as UTF-16LE", at: 0..<0)
        default:
            break
        }
    }
}
