import INFModel
import INFSyntax

struct InstallSectionMissing: LintRule {
    static let info = RuleInfo(
        code: "DK4006", name: "install-section-missing",
        summary: "A models line's install section has no variant for an architecture it targets.",
        severity: .error, infVerif: 1261,
        whatItDoes: "Reports models lines whose install section exists in none of the forms Windows looks for on that architecture (`X.NT<arch>`, `X.NT`, `X`, or a version-decorated form).",
        whyBad: "Windows picks the device's driver and then finds no install section: installation fails with ERROR_SECTION_NOT_FOUND. InfVerif 1261.",
        references: ["INF DDInstall Section", "Creating INF Files for Multiple Platforms and Operating Systems"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = ↓Install, Root\\Dev\n[Install.NTx86]\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n[Install.NTamd64]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<String>()
        for m in context.document.manufacturers {
            let targets: [(String, [Architecture])] = m.rawDecorations.isEmpty
                ? [(m.modelsSection, [.x86])]
                : m.rawDecorations.compactMap { d in TargetOSVersion(d).map { (m.modelsSection + "." + d, $0.architecture.map { [$0] } ?? [.x86]) } }
            for (section, architectures) in targets {
                // An empty name is DK4013's.
                for model in context.document.models(inSection: section) where !model.installSection.trimmingWhitespace().isEmpty {
                    for arch in architectures where context.document.installSection(model.installSection, for: context.platform(arch)) == nil {
                        guard reported.insert("\(model.installSection.lowercased())|\(arch)").inserted else { continue }
                        findings.add(Self.info, "no install section [\(model.installSection)] for \(arch.rawValue) (looked for .NT\(arch.rawValue), .NT and undecorated)", at: model.line.range(ofField: 1))
                    }
                }
            }
        }
    }
}
