import INFModel
import INFSyntax

struct DecorationInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK4003", name: "decoration-invalid",
        summary: "A TargetOSVersion decoration Windows cannot parse.",
        severity: .error, infVerif: 1287,
        whatItDoes: "Reports manufacturer decorations that are not `NT[arch][.major[.minor[.productType[.suiteMask[.build]]]]]` with a known architecture (x86, amd64, arm, arm64, ia64), numeric fields and a product type of 1 to 3. Templates (`.inx`) may use `$ARCH$`.",
        whyBad: "Windows never matches a malformed decoration, so its models section is never used.",
        references: ["INF Manufacturer Section", "Combining Platform Extensions with Operating System Versions"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, ↓NTx64\n[Models.NTx64]\nDevice = Install, Root\\Dev\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for m in context.document.manufacturers {
            for (i, field) in m.line.fields.enumerated().dropFirst() {
                let decoration = field.trimmingWhitespace()
                guard !decoration.isEmpty else { continue }
                if context.isTemplate && decoration.contains("$") { continue }
                if let parsed = TargetOSVersion(decoration) {
                    if let type = parsed.productType, !(1...3).contains(type) {
                        findings.add(Self.info, "product type \(type) in \(decoration) is not 1 (workstation), 2 (domain controller) or 3 (server)", at: m.line.range(ofField: i + 1))
                    }
                    continue
                }
                let hint = decoration.lowercased().hasPrefix("ntx64") ? "; x64 is written NTamd64" : ""
                findings.add(Self.info, "'\(decoration)' is not a valid TargetOSVersion decoration\(hint)", at: m.line.range(ofField: i + 1))
            }
        }
    }
}
