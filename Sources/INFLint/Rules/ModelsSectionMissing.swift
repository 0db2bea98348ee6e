import INFModel
import INFSyntax

struct ModelsSectionMissing: LintRule {
    static let info = RuleInfo(
        code: "DK4002", name: "models-section-missing",
        summary: "A [Manufacturer] decoration with no matching models section.",
        severity: .error,
        whatItDoes: "Reports manufacturer entries whose `[Models.<decoration>]` (or undecorated `[Models]`) section does not exist.",
        whyBad: "Windows selects that section on matching machines and finds nothing, so no device installs there.",
        references: ["INF Manufacturer Section", "INF Models Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64, ↓NTarm64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for m in context.document.manufacturers {
            if m.rawDecorations.isEmpty {
                if !context.document.hasSection(m.modelsSection) {
                    findings.add(Self.info, "models section [\(m.modelsSection)] does not exist", at: m.line.range(ofField: 1))
                }
                continue
            }
            for (i, field) in m.line.fields.enumerated().dropFirst() {
                let decoration = field.trimmingWhitespace()
                guard !decoration.isEmpty, !context.document.hasSection(m.modelsSection + "." + decoration) else { continue }
                if context.isTemplate && decoration.contains("$") { continue }
                findings.add(Self.info, "models section [\(m.modelsSection).\(decoration)] does not exist: nothing installs on machines matching \(decoration)", at: m.line.range(ofField: i + 1))
            }
        }
    }
}
