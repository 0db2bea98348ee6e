import INFModel
import INFSyntax

struct ServiceBinaryNotCopied: LintRule {
    static let info = RuleInfo(
        code: "DK5010", name: "service-binary-not-copied",
        summary: "A service's binary is not copied by any CopyFiles of the INF.",
        severity: .warning,
        whatItDoes: "Reports ServiceBinary paths whose file name no CopyFiles directive of the INF copies (inbox binaries under %12% or %11% with an Include are allowed).",
        whyBad: "The service points at a file the package does not install, so the driver fails to load with Code 39 unless something else puts it there.",
        references: ["INF AddService Directive", "INF CopyFiles Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = ↓%13%\\dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let copied = Set(context.copiedFiles.map { $0.destinationName.lowercased() })
        let hasInclude = context.document.sections.contains { !context.document.includes(in: $0.name).isEmpty }
        for (section, _) in context.serviceInstallSections {
            guard let binary = section.serviceBinary else { continue }
            let raw = context.tree.lines[binary.line.index]
            let written = context.tree.value(context.tree.fields[Int(raw.firstField)])
            let name = written.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last.map(String.init)?.lowercased() ?? ""
            guard !name.isEmpty, !copied.contains(name) else { continue }
            if hasInclude { continue }
            findings.add(Self.info, "\(name) is not copied by any CopyFiles in this INF: the driver fails to load (Code 39) unless it is already there", at: binary.range)
        }
    }
}
