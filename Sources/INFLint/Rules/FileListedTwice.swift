import INFModel
import INFSyntax

struct FileListedTwice: LintRule {
    static let info = RuleInfo(
        code: "DK5036", name: "file-listed-twice",
        summary: "A file-list section that names the same destination file twice.",
        severity: .error, infVerif: 1294,
        whatItDoes: "Reports the second and later lines of a reached CopyFiles list section that copy to a destination file name an earlier line of the same section already copies to.",
        whyBad: "The file is queued twice into one place: at best the second copy is redundant, at worst (another source file, other flags) it silently decides what ends up there. InfVerif reports it as a duplicate to remove.",
        references: ["INF CopyFiles Directive", "InfVerif 1294"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n↓dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var first: [String: Int] = [:]
        for file in context.copiedFiles {
            guard let list = file.listSection else { continue }
            let key = list.lowercased() + "\u{0}" + file.destinationName.lowercased()
            if let earlier = first[key] {
                findings.add(Self.info, "Duplicate file '\(file.destinationName)' in section [\(context.document.section(list)?.name ?? list)]: line \(earlier) already copies it",
                             at: file.range)
            } else {
                first[key] = context.tree.lineNumber(of: file.line.range.lowerBound)
            }
        }
    }
}
