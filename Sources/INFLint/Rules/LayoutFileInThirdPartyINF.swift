import INFModel
import INFSyntax

struct LayoutFileInThirdPartyINF: LintRule {
    static let info = RuleInfo(
        code: "DK2014", name: "layoutfile-in-third-party-inf",
        summary: "[Version] names a LayoutFile, which only inbox INFs may use.",
        severity: .warning, severityByMode: [.universal: .error],
        whatItDoes: "Reports `LayoutFile` in [Version].",
        whyBad: "LayoutFile points SetupAPI at Windows' own layout.inf to find source files; a third-party package must list its files in [SourceDisksNames] and [SourceDisksFiles] instead, or files are looked for on Windows media.",
        references: ["INF Version Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓LayoutFile = layout.inf\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let layout = context.version.layoutFile else { return }
        findings.add(Self.info, "LayoutFile is for inbox INFs only: list the package's files in [SourceDisksNames] and [SourceDisksFiles]", at: layout.line.range)
    }
}
