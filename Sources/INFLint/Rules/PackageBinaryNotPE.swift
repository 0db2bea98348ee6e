import INFModel
import INFSyntax

struct PackageBinaryNotPE: LintRule {
    static let info = RuleInfo(
        code: "DK8002", name: "package-binary-not-pe",
        summary: "A binary in the package folder is not a PE image.",
        severity: .error,
        whatItDoes: "With `--package`, reports files the INF copies whose extension says binary (`.sys`, `.dll`, `.exe`, `.ocx`, `.cpl`, `.drv`, `.efi`) but whose bytes are not a valid PE image, with the reason and offset.",
        whyBad: "Windows cannot load the file: a kernel driver fails to start (Code 39), a DLL fails to load. Usually a build output was truncated, or a placeholder or Git LFS pointer was packaged.",
        references: ["PE Format", "drvkit package build"],
        triggering: [.copyingDevSys(issue: (.notPE, "dev.sys is not a valid PE image: no MZ signature (offset 0x0)"))],
        passing: [.copyingDevSys()])

    func check(_ context: LintContext, into findings: inout Findings) {
        context.reportPackageIssues(.notPE, as: Self.info, into: &findings)
    }
}
