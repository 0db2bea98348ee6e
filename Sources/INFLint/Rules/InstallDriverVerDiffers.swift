import INFModel
import INFSyntax

struct InstallDriverVerDiffers: LintRule {
    static let info = RuleInfo(
        code: "DK2017", name: "install-driverver-differs",
        summary: "A DriverVer in an install section that differs from [Version]'s.",
        severity: .warning,
        whatItDoes: "Reports `DriverVer` lines in DDInstall sections whose value differs from the one in [Version].",
        whyBad: "Windows ranks a driver by its DDInstall section's DriverVer when it has one, so the date and version users see in the package (and in pnputil) are not the ones Windows compares.",
        references: ["INF DriverVer Directive", "How Windows Ranks Drivers"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓DriverVer = 01/01/2020,0.9.0.0\n")],
        passing: [RuleExample(device: "[Dev.NT]\nDriverVer = 01/15/2024,1.0.0.0\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let version = context.version.driverVer?.value else { return }
        var seen = Set<String>()
        for use in context.deviceInstalls where seen.insert(use.install.sectionName.lowercased()).inserted {
            guard let line = context.document.firstLine(in: use.install.sectionName, key: "DriverVer"),
                  case .success(let own) = DriverVer.parse(date: line.field(1) ?? "", version: line.field(2)), own != version else { continue }
            findings.add(Self.info, "DriverVer \(own) here differs from [Version]'s \(version): Windows ranks this install by \(own)", at: line.range)
        }
    }
}
