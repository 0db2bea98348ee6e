import INFModel
import INFSyntax

struct UMDFVersionBelow2: LintRule {
    static let info = RuleInfo(
        code: "DK7018", name: "umdf-version-below-2",
        summary: "A UMDF 1 driver in a package meant to be a Windows Driver.",
        mode: .windowsDriver, severity: .error, infVerif: 1402,
        isolation: true,
        whatItDoes: "Reports `UmdfLibraryVersion` entries whose major version is below 2. A template's `$UMDFVERSION$` is passed over: stampinf fills it in.",
        whyBad: "UMDF 1 drivers (COM-based, WUDFx.dll) are not Windows Drivers; UMDF 1 is frozen and not supported on newer editions. Port the driver to UMDF 2.",
        references: ["Porting an INF to follow driver package isolation", "Porting a Driver from UMDF 1 to UMDF 2", "Specifying WDF Directives in INF Files"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Wdf]\nUmdfService = Dev, Dev.Umdf\nUmdfServiceOrder = Dev\n[Dev.Umdf]\nUmdfLibraryVersion = ↓1.11.0\nServiceBinary = %13%\\dev.dll\nDriverCLSID = {00000000-0000-0000-0000-000000000001}\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Wdf]\nUmdfService = Dev, Dev.Umdf\nUmdfServiceOrder = Dev\n[Dev.Umdf]\nUmdfLibraryVersion = 2.33.0\nServiceBinary = %13%\\dev.dll\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.document.sections {
            for line in context.document.lines(in: section.name, key: "UmdfLibraryVersion") {
                guard let value = line.field(1)?.trimmingWhitespace(), let major = value.split(separator: ".").first.flatMap({ Int($0) }), major < 2 else { continue }
                findings.add(Self.info, "UmdfLibraryVersion \(value) is UMDF 1: Windows Drivers use UMDF 2", at: line.range(ofField: 1))
            }
        }
    }
}
