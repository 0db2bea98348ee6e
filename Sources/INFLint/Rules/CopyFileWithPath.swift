import INFModel
import INFSyntax

struct CopyFileWithPath: LintRule {
    static let info = RuleInfo(
        code: "DK5014", name: "copy-file-with-path",
        summary: "A CopyFiles file name that contains a path.",
        severity: .error,
        whatItDoes: "Reports `@file` and file-list entries whose destination name contains `\\` or `/`.",
        whyBad: "File names in CopyFiles are names, not paths: the destination folder comes from DestinationDirs and the source folder from SourceDisksFiles. A path makes the copy fail.",
        references: ["INF CopyFiles Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = @↓amd64\\dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = @dev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for file in context.copiedFiles where file.destinationName.contains("\\") || file.destinationName.contains("/") {
            var range = file.range
            if file.listSection == nil, let at = context.tree.source.units[range].firstIndex(of: 0x40) { range = (at + 1)..<range.upperBound }
            findings.add(Self.info, "'\(file.destinationName)' contains a path: use DestinationDirs and SourceDisksFiles for folders", at: range)
        }
    }
}
