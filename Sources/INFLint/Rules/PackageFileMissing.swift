import INFModel
import INFSyntax

struct PackageFileMissing: LintRule {
    static let info = RuleInfo(
        code: "DK8001", name: "package-file-missing",
        summary: "A file the INF copies is not in the package folder.",
        severity: .error,
        whatItDoes: "With `--package`, reports each file a CopyFiles or CopyINF names, on each architecture the INF targets, that is not at the path its `[SourceDisksNames]` and `[SourceDisksFiles]` entries give under the INF's folder (names compared as written, as `package build` reads them).",
        whyBad: "Windows copies the package folder into the driver store and installs from there: a missing file fails the install, and `drvkit package build` refuses the package.",
        references: ["INF SourceDisksFiles Section", "INF SourceDisksNames Section", "drvkit package build"],
        triggering: [.copyingDevSys(issue: (.missing, "dev.sys is missing (looked for dev.sys next to the INF)"), names: ["example.inf", "dev.cat"])],
        passing: [.copyingDevSys()])

    func check(_ context: LintContext, into findings: inout Findings) {
        context.reportPackageIssues(.missing, as: Self.info, into: &findings)
    }
}
