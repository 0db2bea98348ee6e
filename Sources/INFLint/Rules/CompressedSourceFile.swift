import INFModel
import INFSyntax

struct CompressedSourceFile: LintRule {
    static let info = RuleInfo(
        code: "DK3013", name: "compressed-source-file",
        summary: "A compressed file name (`dev.sy_`) in [SourceDisksFiles].",
        severity: .warning, severityByMode: [.universal: .error, .declarative: .warning, .hardwareDevCenter: .error], infVerif: 1231,
        whatItDoes: "Reports SourceDisksFiles entries whose file name ends in `_`, the name `compress` and `makecab` give a compressed file.",
        whyBad: "Driver packages ship their files uncompressed: the catalog hashes each file as the INF names it, and the driver store keeps the package as it was staged. InfVerif 1231 (an error for universal and Windows drivers, a warning in declarative mode).",
        references: ["INF SourceDisksFiles Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\n↓dev.sy_ = 1\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\ndev.sys = 1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.sourceDisksFilesSections {
            for line in context.document.lines(of: section) {
                guard let name = line.key?.trimmingWhitespace(), name.hasSuffix("_"), name.contains("."), let range = line.keyRange else { continue }
                findings.add(Self.info, "\(name) is a compressed file name: list the file uncompressed", at: range)
            }
        }
    }
}
