import INFModel
import INFSyntax

struct UnknownDirid: LintRule {
    static let info = RuleInfo(
        code: "DK3008", name: "unknown-dirid",
        summary: "A DestinationDirs entry uses a DIRID Windows does not define.",
        severity: .warning,
        whatItDoes: "Reports DestinationDirs DIRIDs that are neither system-defined, nor shell folders (16384 and up), nor user-defined (32768 and up).",
        whyBad: "Windows cannot resolve the directory, so the copy fails or lands somewhere unexpected.",
        references: ["Using Dirids", "INF DestinationDirs Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[DestinationDirs]\nDefaultDestDir = ↓99\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[DestinationDirs]\nDefaultDestDir = 13\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.document.lines(in: "DestinationDirs") {
            let text = (line.field(1) ?? "").trimmingWhitespace()
            guard let value = IntegerField.parse(text), !text.isEmpty else {
                findings.add(Self.info, "'\(text)' is not a DIRID number", at: line.range(ofField: 1))
                continue
            }
            let id = Int(Int32(bitPattern: value))
            if DIRID.isKnown(id) || id >= 16384 { continue }
            findings.add(Self.info, "DIRID \(id) is not defined by Windows", at: line.range(ofField: 1))
        }
    }
}
