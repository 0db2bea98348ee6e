import INFModel
import INFSyntax

struct SourceDiskIDInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK3012", name: "source-disk-id-invalid",
        summary: "A [SourceDisksFiles] entry whose disk ID is missing or not a number.",
        severity: .error, infVerif: 1008,
        whatItDoes: "Reports SourceDisksFiles entries (undecorated or architecture-decorated) whose first field, the disk ID, is empty or not a number.",
        whyBad: "Windows looks the file's disk up in [SourceDisksNames] by that number: without one it cannot find where the file is, so copying it fails. InfVerif 1008.",
        references: ["INF SourceDisksFiles Section", "INF SourceDisksNames Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\n↓dev.sys =\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\ndev.sys = 1\n")])

    /// A disk ID Windows can read: a number, as `SetupGetIntField` reads it.
    static func isValid(_ id: String) -> Bool {
        let trimmed = id.trimmingWhitespace()
        return !trimmed.isEmpty && IntegerField.parse(trimmed) != nil
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.sourceDisksFilesSections {
            for line in context.document.lines(of: section) where !Self.isValid(line.field(1) ?? "") {
                let file = line.key ?? ""
                let id = (line.field(1) ?? "").trimmingWhitespace()
                let message = id.isEmpty ? "\(file) has no disk ID" : "\(file) has disk ID '\(id)', which is not a number"
                findings.add(Self.info, message + ": Windows cannot tell which [SourceDisksNames] disk holds it",
                             at: id.isEmpty ? (line.keyRange ?? line.range) : line.range(ofField: 1))
            }
        }
    }
}
