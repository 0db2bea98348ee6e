import INFModel
import INFSyntax

struct ServiceBinaryNotCopied: LintRule {
    static let info = RuleInfo(
        code: "DK5010", name: "service-binary-not-copied",
        summary: "A service's binary is not copied by any CopyFiles of the INF.",
        severity: .warning, severityByMode: [.hardwareDevCenter: .error], infVerif: 2084,
        whatItDoes: "Reports service binaries in the driver store (%13%), or listed in [SourceDisksFiles], that no CopyFiles directive of the INF copies. Binaries elsewhere may be Windows' own and are not reported; neither are INFs that Include others.",
        whyBad: "The service points at a file the package does not install, so the driver fails to load with Code 39 unless something else puts it there.",
        references: ["INF AddService Directive", "INF CopyFiles Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = ↓%13%\\dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let copied = Set(context.copiedFiles.map { $0.destinationName.lowercased() })
        let hasInclude = context.document.sections.contains { !context.document.includes(in: $0.name).isEmpty }
        for (section, _) in context.serviceInstallSections {
            guard let binary = section.serviceBinary else { continue }
            let name = LintContext.fileName(ofPath: binary.value).lowercased()
            guard !name.isEmpty, !copied.contains(name), !hasInclude else { continue }
            // Outside the driver store the binary may be Windows' own (serial.sys, WUDFRd.sys); it is the
            // package's when it sits in the driver store or the package lists it as a source file.
            let shipped = context.architectures.contains { context.sourceDisksFiles(for: $0)[name] != nil }
            guard binary.value.hasPrefix("%13%") || shipped else { continue }
            findings.add(Self.info, "\(name) is not copied by any CopyFiles in this INF: the driver fails to load (Code 39) unless it is already there", at: binary.range)
        }
    }
}
