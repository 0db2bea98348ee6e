import INFModel
import INFSyntax

struct DriverVerVersionInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK2023", name: "driverver-version-invalid",
        summary: "DriverVer's version is not `w.x.y.z` with decimal parts up to 65535.",
        severity: .error, infVerif: 1217,
        whatItDoes: "Reports DriverVer values whose date is right but whose version has more than four parts, a part that is not a decimal number, or a part above 65535. In a template, a version with a `$` placeholder or no digit is not reported.",
        whyBad: "Windows ranks drivers of the same date by this version, read as four 16-bit numbers: one it cannot read leaves the package unrankable, and pnputil refuses to stage it. InfVerif 1217.",
        references: ["INF DriverVer Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nDriverVer = 01/15/2024,↓1.0.0.65536\n"),
                     RuleExample("[Version]\nSignature = \"$Windows NT$\"\nDriverVer = 01/15/2024,↓1.0.0.0.1\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nDriverVer = 01/15/2024,1.0.0.0\n"),
                  RuleExample("[Version]\nSignature = \"$Windows NT$\"\nDriverVer = 01/15/2024\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let entry = context.version.driverVer, case .failure(let error) = entry.result, error.inVersion else { return }
        let version = entry.line.field(2) ?? ""
        if context.isTemplate && (version.contains("$") || !version.contains(where: \.isNumber)) { return }
        findings.add(Self.info, "DriverVer: \(error.description)", at: entry.line.range(ofField: 2))
    }
}
