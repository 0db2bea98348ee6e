import INFModel
import INFSyntax

struct PackageBinaryWrongMachine: LintRule {
    static let info = RuleInfo(
        code: "DK8003", name: "package-binary-wrong-machine",
        summary: "A binary in the package folder is built for another architecture.",
        severity: .error,
        whatItDoes: "With `--package`, reports PE images the INF copies for an architecture whose machine field is another one: an x64 `.sys` listed for arm64, an x86 DLL for amd64. User-mode x64 binaries in an arm64 package are accepted (Windows on Arm runs them); kernel drivers are not.",
        whyBad: "Windows will not load a kernel driver built for another machine (Code 39), and a DLL of the wrong machine fails to load in the process that needs it.",
        references: ["PE Format", "Creating INF Files for Multiple Platforms and Operating Systems", "drvkit package build"],
        triggering: [.copyingDevSys(issue: (.wrongMachine, "dev.sys is built for x86, not amd64"))],
        passing: [.copyingDevSys()])

    func check(_ context: LintContext, into findings: inout Findings) {
        context.reportPackageIssues(.wrongMachine, as: Self.info, into: &findings)
    }
}
