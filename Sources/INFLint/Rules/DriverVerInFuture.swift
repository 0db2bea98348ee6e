import INFModel
import INFSyntax

struct DriverVerInFuture: LintRule {
    static let info = RuleInfo(
        code: "DK2012", name: "driverver-in-future",
        summary: "DriverVer's date is in the future.",
        severity: .warning,
        whatItDoes: "Reports DriverVer dates later than tomorrow (UTC).",
        whyBad: "Windows prefers the newest date, so a future-dated driver outranks every later genuine update until that date passes.",
        references: ["INF DriverVer Directive", "How Windows Ranks Drivers"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓DriverVer = 01/01/2999,1.0.0.0\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nDriverVer = 01/15/2024,1.0.0.0\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let value = context.version.driverVer?.value, let line = context.version.driverVer?.line else { return }
        let (y, m, d) = LintContext.today
        let tomorrow = d < 28 ? (y, m, d + 1) : (m == 12 ? (y + 1, 1, 1) : (y, m + 1, 1))
        guard (value.year, value.month, value.day) > tomorrow else { return }
        findings.add(Self.info, "DriverVer date \(value.isoDate) is in the future: this driver outranks every genuine update until then", at: line.range)
    }
}
