import INFModel
import INFSyntax

struct DuplicateHardwareID: LintRule {
    static let info = RuleInfo(
        code: "DK4004", name: "duplicate-hardware-id",
        summary: "One hardware ID installs different sections within a models section.",
        severity: .warning,
        whatItDoes: "Reports a hardware ID listed twice in one models section with different install sections.",
        whyBad: "Windows ranks both entries the same and picks one arbitrarily, so which install runs is not under the author's control.",
        references: ["INF Models Section", "How Windows Ranks Drivers"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = InstallA, Root\\Dev\nDevice = InstallB, ↓Root\\Dev\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = InstallA, Root\\Dev\nDevice = InstallA, Root\\Dev2\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var sections = Set<String>()
        for m in context.document.manufacturers {
            for name in m.allModelsSectionNames where sections.insert(name.lowercased()).inserted {
                var seen: [String: String] = [:]
                for model in context.document.models(inSection: name) {
                    guard let id = model.hardwareID?.lowercased() else { continue }
                    if let install = seen[id], install.lowercased() != model.installSection.lowercased() {
                        findings.add(Self.info, "\(model.hardwareID!) already installs [\(install)] in [\(name)]; Windows picks one of the two arbitrarily", at: model.line.range(ofField: 2))
                    } else {
                        seen[id] = model.installSection
                    }
                }
            }
        }
    }
}
