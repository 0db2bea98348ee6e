import INFModel
import INFSyntax

struct FilesNotInDriverStore: LintRule {
    static let info = RuleInfo(
        code: "DK7011", name: "files-not-in-driver-store",
        summary: "Driver files copied anywhere but the driver store (DIRID 13).",
        mode: .windowsDriver, severity: .error,
        whatItDoes: "Reports DestinationDirs entries used by CopyFiles whose DIRID is not 13, and service binaries outside %13%.",
        whyBad: "Driver package isolation requires files to run from the driver store, where Windows keeps each package version apart; copies to System32\\drivers collide between packages and survive uninstall.",
        references: ["Driver package isolation", "Run from Driver Store"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withDestination("12", marker: true)],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let used = Set(context.graph.references.filter { $0.directive.lowercased() == "copyfiles" }.map { $0.target.lowercased() } + ["defaultdestdir"])
        for (key, dir) in context.document.destinationDirs.sorted(by: { $0.key < $1.key }) where used.contains(key) {
            guard dir.dirid != DIRID.driverStore else { continue }
            findings.add(Self.info, "copies to DIRID \(dir.diridText): isolated packages keep their files in the driver store (13)", at: dir.line.range(ofField: 1))
        }
        for (section, _) in context.serviceInstallSections {
            guard let binary = section.serviceBinary else { continue }
            let raw = context.tree.value(context.tree.fields[Int(context.tree.lines[binary.line.index].firstField)])
            if !raw.hasPrefix("%13%") {
                findings.add(Self.info, "ServiceBinary \(raw) is outside the driver store: use %13%\\<file>", at: binary.range)
            }
        }
    }
}
