import INFModel
import INFSyntax

struct FileNotInSourceDisksFiles: LintRule {
    static let info = RuleInfo(
        code: "DK3006", name: "file-not-in-sourcedisksfiles",
        summary: "A copied file has no [SourceDisksFiles] entry for a target architecture.",
        severity: .error, infVerif: 1230,
        whatItDoes: "For each architecture the INF targets, reports files copied by CopyFiles that are listed neither in [SourceDisksFiles.<arch>] nor in [SourceDisksFiles].",
        whyBad: "Windows does not know where the file is in the package, so staging or installing fails with a missing-file error on that architecture.",
        references: ["INF SourceDisksFiles Section", "InfVerif 1230"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n↓helper.dll\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n"),
                  // In a template, stampinf turns `.$ARCH$` into the architecture.
                  RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[DefaultInstall.NT$ARCH$]\nCopyFiles = Files\n[DestinationDirs]\nFiles = 12\n[Files]\ndev.sys\n[SourceDisksNames.$ARCH$]\n1 = \"Disk 1\"\n[SourceDisksFiles.$ARCH$]\ndev.sys = 1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let architectures = context.architectures
        let tables = architectures.map { ($0, context.sourceDisksFiles(for: $0)) }
        var reported = Set<String>()
        // Copy lists used by sections that Include system INFs may copy inbox files found through them.
        let withInclude = Set(context.graph.references.filter { !context.document.includes(in: $0.fromSection).isEmpty }.map { $0.target.lowercased() })
        for file in context.copiedFiles where !(file.listSection.map { withInclude.contains($0.lowercased()) } ?? false) {
            let missing = tables.filter { $0.1[file.sourceName.lowercased()] == nil }.map(\.0)
            guard !missing.isEmpty, reported.insert(file.sourceName.lowercased()).inserted else { continue }
            let archs = missing.count == architectures.count ? "" : " for \(missing.map(\.rawValue).joined(separator: ", "))"
            findings.add(Self.info, "\(file.sourceName) is not listed in [SourceDisksFiles\(missing.count == 1 && architectures.count > 1 ? "." + missing[0].rawValue : "")]\(archs): Windows cannot find it in the package", at: file.range)
        }
    }
}
