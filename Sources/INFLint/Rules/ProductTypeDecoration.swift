import INFModel
import INFSyntax

struct ProductTypeDecoration: LintRule {
    static let info = RuleInfo(
        code: "DK7015", name: "product-type-decoration",
        summary: "A [Manufacturer] decoration with a ProductType or SuiteMask.",
        mode: .universal, severity: .error,
        whatItDoes: "Reports TargetOSVersion decorations of [Manufacturer] lines that set the ProductType or SuiteMask field, such as `NTamd64.10.0.1` or `NTamd64.10.0..0x10`.",
        whyBad: "A universal INF installs the same way on every edition of Windows; choosing models by workstation, server or suite ties it to one.",
        references: ["Using a Universal INF File", "INF Manufacturer Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64, ↓NTamd64.10.0.1..16299, ↓NTamd64.10.0..0x10\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n[Models.NTamd64.10.0.1..16299]\nDevice = Install, Root\\Dev\n[Models.NTamd64.10.0..0x10]\nDevice = Install, Root\\Dev\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64, NTamd64.10.0...16299\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n[Models.NTamd64.10.0...16299]\nDevice = Install, Root\\Dev\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for m in context.document.manufacturers {
            for (i, field) in m.line.fields.enumerated().dropFirst() {
                guard let parsed = TargetOSVersion(field), parsed.productType != nil || parsed.suiteMask != nil else { continue }
                let what = parsed.productType != nil && parsed.suiteMask != nil ? "a ProductType and a SuiteMask" : parsed.productType != nil ? "a ProductType" : "a SuiteMask"
                findings.add(Self.info, "\(parsed.text) sets \(what): universal INFs may not choose models by Windows edition", at: m.line.range(ofField: i + 1))
            }
        }
    }
}
