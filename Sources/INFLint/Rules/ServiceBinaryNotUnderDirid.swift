import INFModel
import INFSyntax

struct ServiceBinaryNotUnderDirid: LintRule {
    static let info = RuleInfo(
        code: "DK5024", name: "service-binary-not-under-dirid",
        summary: "A ServiceBinary that is not a path under a DIRID (`%13%\\dev.sys`).",
        severity: .error, infVerif: 2085,
        whatItDoes: "Reports service-install sections whose ServiceBinary does not start with a `%dirid%` token, such as `\\SystemRoot\\System32\\drivers\\dev.sys`, `System32\\drivers\\dev.sys` or `C:\\Windows\\…`.",
        whyBad: "Windows turns the DIRID into the directory the files were copied to (the driver store for 13). A literal path assumes where Windows is installed and where the INF copied the file, so the service can point at a file that is not there, or at an old copy. InfVerif 2085.",
        references: ["INF AddService Directive", "Using a Universal INF File", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: RuleExample.kernelService().replacingOccurrences(of: "ServiceBinary = %13%\\dev.sys", with: "ServiceBinary = ↓\\SystemRoot\\System32\\drivers\\dev.sys"))],
        passing: [RuleExample(device: RuleExample.kernelService())])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (section, _) in context.serviceInstallSections {
            guard let binary = section.serviceBinary, !binary.value.trimmingWhitespace().isEmpty, DIRID.leading(in: binary.value) == nil else { continue }
            findings.add(Self.info, "ServiceBinary '\(binary.value)' is not a path under a DIRID: write it as %13%\\<file> (or the DIRID the file is copied to)", at: binary.range)
        }
    }
}
