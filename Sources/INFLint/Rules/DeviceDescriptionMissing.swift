import INFModel
import INFSyntax

struct DeviceDescriptionMissing: LintRule {
    static let info = RuleInfo(
        code: "DK4007", name: "device-description-missing",
        summary: "A models line with an empty device description.",
        severity: .warning,
        whatItDoes: "Reports models lines whose key (the device description) is empty.",
        whyBad: "Device Manager shows the description as the device's name; an empty one leaves the device unnamed.",
        references: ["INF Models Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\n↓= Install, Root\\Dev\n[Install]\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n[Install]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for model in context.document.allModels where model.deviceDescription.trimmingWhitespace().isEmpty {
            findings.add(Self.info, "device description is empty: Device Manager shows the device without a name", at: model.line.range)
        }
    }
}
