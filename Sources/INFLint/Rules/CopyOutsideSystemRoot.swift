import INFModel
import INFSyntax

struct CopyOutsideSystemRoot: LintRule {
    static let info = RuleInfo(
        code: "DK7005", name: "copy-outside-system-root",
        summary: "Files copied to a folder outside %SystemRoot%.",
        mode: .universal, severity: .error, severityByMode: [.declarative: .warning], infVerif: 1306,
        supersededIn: (.hardwareDevCenter, by: "DK7011 files-not-in-driver-store"),
        whatItDoes: "Reports DestinationDirs entries whose DIRID points outside the Windows folder (24 and 30 drive roots, 53 user profile, 16422 Program Files and the other shell folders, -1 absolute paths). As in InfVerif, an error in universal mode and a warning in declarative mode; from hardware-dev-center mode on, where every destination but the driver store is an isolation error, DK7011 reports these.",
        whyBad: "Universal INFs may copy only to system locations that Windows manages; other folders may not exist (or be writable) on every edition.",
        references: ["Using a Universal INF File", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withDestination("16422,Contoso", marker: true)],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    static let outside: Set<Int> = [-1, 24, 30, 53, 54]

    func check(_ context: LintContext, into findings: inout Findings) {
        let used = Set(context.graph.references.filter { $0.directive.lowercased() == "copyfiles" }.map { $0.target.lowercased() } + ["defaultdestdir"])
        for (key, dir) in context.document.destinationDirs where used.contains(key) {
            guard let id = dir.dirid, Self.outside.contains(id) || id >= 16384 && id < 32768 && id != 16425 else { continue }
            findings.add(Self.info, "DIRID \(id) is outside %SystemRoot%: universal INFs may not copy there", at: dir.line.range(ofField: 1))
        }
    }
}

extension RuleExample {
    /// The device example with `DefaultDestDir` replaced (a `↓` before the new value when `marker`).
    func withDestination(_ value: String, marker: Bool) -> RuleExample {
        RuleExample(RuleExample.deviceSkeleton(text).replacingOccurrences(of: "DefaultDestDir = 13", with: "DefaultDestDir = " + (marker ? "↓" : "") + value))
    }
}
