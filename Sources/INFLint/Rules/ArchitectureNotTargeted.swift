import INFModel
import INFSyntax

struct ArchitectureNotTargeted: LintRule {
    static let info = RuleInfo(
        code: "DK4010", name: "architecture-not-targeted",
        summary: "The package ships files for an architecture its [Manufacturer] never targets.",
        severity: .warning,
        whatItDoes: "Reports `[SourceDisksFiles.<arch>]` or `[SourceDisksNames.<arch>]` sections for an architecture with no matching `NT<arch>` decoration in [Manufacturer].",
        whyBad: "The files are packaged and signed but Windows never installs the driver on that architecture: usually a decoration was forgotten.",
        references: ["INF Manufacturer Section", "INF SourceDisksFiles Section"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓[SourceDisksFiles.arm64]\ndev.sys = 1\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[SourceDisksFiles.amd64]\ndev.sys = 1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF else { return }
        let targeted = Set(context.architectures)
        for section in context.document.sections {
            let lower = section.name.lowercased()
            guard lower.hasPrefix("sourcedisksfiles.") || lower.hasPrefix("sourcedisksnames.") else { continue }
            guard let arch = Architecture(decoration: String(lower.split(separator: ".", maxSplits: 1).last ?? "")),
                  !targeted.contains(arch) else { continue }
            findings.add(Self.info, "[\(section.name)] ships files for \(arch.rawValue), but [Manufacturer] has no NT\(arch.rawValue) decoration", at: context.headerRange(of: section.name))
        }
    }
}
