import INFModel
import INFSyntax

struct FilesNotInDriverStore: LintRule {
    static let info = RuleInfo(
        code: "DK7011", name: "files-not-in-driver-store",
        summary: "Driver files copied anywhere but the driver store (DIRID 13).",
        mode: .hardwareDevCenter, severity: .error, infVerif: 1322,
        isolation: true,
        whatItDoes: "Reports DestinationDirs entries used by CopyFiles whose DIRID is not 13, and service binaries outside %13% that the package itself delivers (copies, or lists in [SourceDisksFiles]). A service binary the package does not deliver, such as UMDF's %12%\\WUDFRd.sys or winusb.sys, is Windows' own and is not reported. In hardware-dev-center mode the DIRIDs InfVerif /h still allows (10, 11, 12, 23, 51, 52, 55, 16422, 16425–16428, 66000–66004) are not reported.",
        whyBad: "Driver package isolation requires files to run from the driver store, where Windows keeps each package version apart; copies to System32\\drivers collide between packages and survive uninstall.",
        references: ["Driver package isolation", "Run from Driver Store"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withDestination("12", marker: true).inMode(.windowsDriver),
                     RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = ↓%12%\\dev.sys\n").inMode(.windowsDriver),
                     RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withDestination("17", marker: true)],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n"),
                  RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withDestination("12", marker: false),
                  RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = WUDFRd, 0x000001fa, WUDFRD_ServiceInstall\n[WUDFRD_ServiceInstall]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %12%\\WUDFRd.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let used = Set(context.graph.references.filter { $0.directive.lowercased() == "copyfiles" }.map { $0.target.lowercased() } + ["defaultdestdir"])
        for (key, dir) in context.document.destinationDirs.sorted(by: { $0.key < $1.key }) where used.contains(key) {
            guard dir.dirid != DIRID.driverStore else { continue }
            if context.mode == .hardwareDevCenter, let id = dir.dirid, HardwareDevCenterExceptions.dirids.contains(id) { continue }
            findings.add(Self.info, "copies to DIRID \(dir.diridText): isolated packages keep their files in the driver store (13)", at: dir.line.range(ofField: 1))
        }
        for (section, _) in context.serviceInstallSections {
            guard let binary = section.serviceBinary else { continue }
            let raw = context.tree.value(context.tree.fields[Int(context.tree.lines[binary.line.index].firstField)])
            // A binary the package does not deliver is Windows' own (UMDF's WUDFRd.sys, winusb.sys), which
            // stays where Windows keeps it; the package's own binaries must run from the driver store.
            if context.mode == .hardwareDevCenter, let id = DIRID.leading(in: raw), HardwareDevCenterExceptions.dirids.contains(id) { continue }
            if !raw.hasPrefix("%13%") && context.packageDelivers(LintContext.fileName(ofPath: binary.value)) {
                findings.add(Self.info, "ServiceBinary \(raw) is outside the driver store: use %13%\\<file>", at: binary.range)
            }
        }
    }
}
