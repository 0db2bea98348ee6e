import INFModel
import INFSyntax

struct CopyOutsideSystemRoot: LintRule {
    static let info = RuleInfo(
        code: "DK7005", name: "copy-outside-system-root",
        summary: "Files copied to a folder outside %SystemRoot%.",
        mode: .universal, severity: .error, infVerif: 1306,
        whatItDoes: "Reports DestinationDirs entries whose DIRID points outside the Windows folder (24 and 30 drive roots, 53 user profile, 16422 Program Files and the other shell folders, -1 absolute paths). In hardware-dev-center mode the DIRIDs InfVerif /h allows (16422 and 16425–16428 among them) are not reported.",
        whyBad: "Universal INFs may copy only to system locations that Windows manages; other folders may not exist (or be writable) on every edition.",
        references: ["InfVerif 1306", "Using a Universal INF File"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withDestination("16422,Contoso", marker: true)],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    static let outside: Set<Int> = [-1, 24, 30, 53, 54]

    func check(_ context: LintContext, into findings: inout Findings) {
        let used = Set(context.graph.references.filter { $0.directive.lowercased() == "copyfiles" }.map { $0.target.lowercased() } + ["defaultdestdir"])
        for (key, dir) in context.document.destinationDirs where used.contains(key) {
            guard let id = dir.dirid, Self.outside.contains(id) || id >= 16384 && id < 32768 && id != 16425 else { continue }
            if context.mode == .hardwareDevCenter && HardwareDevCenterExceptions.dirids.contains(id) { continue }
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
