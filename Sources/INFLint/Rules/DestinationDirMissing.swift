import INFModel
import INFSyntax

struct DestinationDirMissing: LintRule {
    static let info = RuleInfo(
        code: "DK3009", name: "destination-dir-missing",
        summary: "Files are copied with no DestinationDirs entry and no DefaultDestDir.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1275,
        whatItDoes: "Reports CopyFiles lists (and `@file` copies) for which [DestinationDirs] has neither an entry nor DefaultDestDir.",
        whyBad: "Windows then copies to its default directory (System32 on current versions), which is almost never what was meant and is not allowed for isolated packages.",
        references: ["INF DestinationDirs Section"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = ↓Dev.Files\n[Dev.Files]\ndev.sys\n").withoutDestinationDirs()],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let dirs = context.document.destinationDirs
        guard dirs["defaultdestdir"] == nil else { return }
        for ref in context.graph.references where ref.directive.lowercased() == "copyfiles" && dirs[ref.target.lowercased()] == nil {
            findings.add(Self.info, "[\(ref.target)] has no DestinationDirs entry and there is no DefaultDestDir", at: ref.range)
        }
    }
}

extension RuleExample {
    func withoutDestinationDirs() -> RuleExample {
        RuleExample(text.isEmpty ? "" : RuleExample.deviceSkeleton(text).replacingOccurrences(of: "[DestinationDirs]\nDefaultDestDir = 13\n", with: ""))
    }
}
