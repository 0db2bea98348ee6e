import INFModel
import INFSyntax

struct SourceDiskUnknown: LintRule {
    static let info = RuleInfo(
        code: "DK3007", name: "source-disk-unknown",
        summary: "A [SourceDisksFiles] entry names a disk that [SourceDisksNames] does not define.",
        severity: .error, infVerif: 1273,
        whatItDoes: "Reports SourceDisksFiles entries whose disk id has no line in the matching SourceDisksNames section.",
        whyBad: "Windows cannot resolve the file's location, so copying it fails.",
        references: ["INF SourceDisksFiles Section", "INF SourceDisksNames Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\ndev.sys = ↓2\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\ndev.sys = 1\n"),
                  // An INF without [Manufacturer] targets the architectures of its [DefaultInstall.NT<arch>] sections.
                  RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[DefaultInstall.NTamd64]\nCopyFiles = Files\n[DestinationDirs]\nFiles = 12\n[Files]\ndev.sys\n[SourceDisksNames.amd64]\n1 = \"Disk 1\",,,\\amd64\n[SourceDisksFiles]\ndev.sys = 1\n"),
                  // In a template, stampinf turns `.$ARCH$` into the architecture.
                  RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[DefaultInstall.NT$ARCH$]\nCopyFiles = Files\n[DestinationDirs]\nFiles = 12\n[Files]\ndev.sys\n[SourceDisksNames.$ARCH$]\n1 = \"Disk 1\"\n[SourceDisksFiles.$ARCH$]\ndev.sys = 1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.sourceDisksFilesSections {
            let suffix = section.name.dropFirst("SourceDisksFiles".count).drop { $0 == "." }
            let arch = Architecture(decoration: String(suffix))
            // An undecorated entry is looked up, on each architecture, in SourceDisksNames.<arch> then SourceDisksNames.
            let architectures: [Architecture?] = arch.map { [$0] } ?? (context.architectures.isEmpty ? [nil] : context.architectures.map { $0 })
            let tables = architectures.map { ($0, context.sourceDisks(for: $0)) }
            for line in context.document.lines(of: section) {
                let id = (line.field(1) ?? "").trimmingWhitespace()
                let missing = tables.filter { $0.1[id] == nil }
                guard !id.isEmpty, let first = missing.first else { continue }
                findings.add(Self.info, "disk \(id) is not defined in [SourceDisksNames\(first.0.map { "." + $0.rawValue } ?? "")]", at: line.range(ofField: 1))
            }
        }
    }
}
