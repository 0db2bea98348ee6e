import INFModel
import INFSyntax

struct ManufacturerUndecorated: LintRule {
    static let info = RuleInfo(
        code: "DK4001", name: "manufacturer-undecorated",
        summary: "A [Manufacturer] entry without TargetOSVersion decorations.",
        severity: .warning, infVerif: 2010,
        whatItDoes: "Reports manufacturer lines that list a models section with no `NT<arch>` decoration.",
        whyBad: "Since Windows Server 2003 SP1, 64-bit Windows ignores undecorated models sections: the INF installs nothing on x64 or ARM64. InfVerif reads such a section as x86 only (\"will be implicitly treated as the x86 architecture\").",
        references: ["INF Manufacturer Section", "Creating INF Files for Multiple Platforms and Operating Systems", "InfVerif 2010"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = ↓Models\n[Models]\nDevice = Install, Root\\Dev\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, Root\\Dev\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for m in context.document.manufacturers where m.rawDecorations.isEmpty {
            findings.add(Self.info, "models section \(m.modelsSection) has no NT<arch> decoration: 64-bit Windows installs nothing from it", at: m.line.range(ofField: 1))
        }
    }
}
