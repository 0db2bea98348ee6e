import INFModel
import INFSyntax

struct DriverVerMalformed: LintRule {
    static let info = RuleInfo(
        code: "DK2011", name: "driverver-malformed",
        summary: "DriverVer's date is not a real `mm/dd/yyyy` date.",
        severity: .error, infVerif: 1218,
        whatItDoes: "Reports DriverVer values whose date does not parse as `mm/dd/yyyy` or does not exist (the version is DK2023's). In a template, an empty DriverVer, `$DATE$` or words with no digit (stampinf writes the value) are not reported.",
        whyBad: "Windows cannot rank a driver whose DriverVer it cannot read, and pnputil refuses to stage the package. InfVerif 1218.",
        references: ["INF DriverVer Directive"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓DriverVer = 2024-01-15,1.0.0.0\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nDriverVer = 01/15/2024,1.0.0.0\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let entry = context.version.driverVer, case .failure(let error) = entry.result, !error.inVersion else { return }
        // stampinf fills in an empty or placeholder DriverVer: `$DATE$`, or words such as OpenVPN's
        // "filled in by stampinf" (a date field with no digit at all).
        let date = entry.line.field(1) ?? ""
        if context.isTemplate && (date.isEmpty || date.contains("$") || !date.contains(where: \.isNumber)) { return }
        findings.add(Self.info, "DriverVer: \(error.description)", at: entry.line.range)
    }
}
