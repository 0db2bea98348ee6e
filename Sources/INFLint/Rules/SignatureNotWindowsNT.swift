import INFModel
import INFSyntax

struct SignatureNotWindowsNT: LintRule {
    static let info = RuleInfo(
        code: "DK2002", name: "signature-not-windows-nt",
        summary: "Signature is `$Chicago$` or `$Windows 95$` instead of `$Windows NT$`.",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1001,
        whatItDoes: "Reports the Windows 9x signatures in [Version].",
        whyBad: "SetupAPI still opens the file, but InfVerif requires `$Windows NT$` for driver packages, so the package fails validation and submission.",
        fix: (.safe, "Replaces the Signature value with \"$Windows NT$\"; SetupAPI reads the three signatures alike."),
        references: ["INF Version Section", "InfVerif 1001"],
        triggering: [RuleExample("[Version]\nSignature = ↓\"$Chicago$\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let sig = context.document.signature, sig.lowercased() != "$windows nt$",
              let line = context.versionValue("Signature") else { return }
        let fix = Fix("use \"$Windows NT$\"", safety: .safe, edits: [context.replaceField(1, of: line, with: "\"$Windows NT$\"")])
        findings.add(Self.info, "Signature \(sig) is a Windows 9x signature; driver packages must use \"$Windows NT$\"", at: line.range(ofField: 1), fix: fix)
    }
}
