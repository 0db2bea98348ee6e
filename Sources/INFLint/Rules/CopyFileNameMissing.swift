import INFModel
import INFSyntax

struct CopyFileNameMissing: LintRule {
    static let info = RuleInfo(
        code: "DK5021", name: "copy-file-name-missing",
        summary: "A file list line (CopyFiles, DelFiles, RenFiles) without the file name it needs.",
        severity: .error, infVerif: 1229,
        whatItDoes: "Reports lines of reached CopyFiles and DelFiles lists whose destination file name (field 1) is empty, and RenFiles lines missing the new or the old name.",
        whyBad: "SetupAPI has nothing to copy, delete or rename and skips the line, so the package installs without the file its author listed (often a stray comma: `, dev.sys`). InfVerif 1229.",
        references: ["INF CopyFiles Directive", "INF DelFiles Directive", "INF RenFiles Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\n↓, dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (name, role) in context.graph.roles.sorted(by: { $0.key < $1.key }) {
            let needed: [Int]
            switch role {
            case .copyFiles, .delFiles: needed = [1]
            case .renFiles: needed = [1, 2]
            default: continue
            }
            for line in context.document.lines(in: name) {
                guard let missing = needed.first(where: { (line.field($0) ?? "").trimmingWhitespace().isEmpty }) else { continue }
                findings.add(Self.info, "the \(role == .renFiles && missing == 2 ? "old" : role == .renFiles ? "new" : "destination") file name is missing: Windows skips the line", at: line.range)
            }
        }
    }
}
