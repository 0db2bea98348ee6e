import INFModel
import INFSyntax

struct WdfLibraryVersionMissing: LintRule {
    static let info = RuleInfo(
        code: "DK5040", name: "wdf-library-version-missing",
        summary: "A KMDF or UMDF service whose wdf-service-install section gives no framework version, or one of the wrong form.",
        severity: .error, alsoInfVerif: [1084],
        whatItDoes: "Follows reached KmdfService and UmdfService lines to the wdf-service-install sections they name and reports one without KmdfLibraryVersion (for KmdfService) or UmdfLibraryVersion (for UmdfService), InfVerif 1084, and a version that is not `major.minor` (KMDF) or `major.minor.service` (UMDF). A template's `$KMDFVERSION$` and `$UMDFVERSION$` are left to stampinf.",
        whyBad: "\"Specifying WDF Directives in INF Files\": the version tells Windows which framework the driver is bound to; the co-installer (and on current Windows the framework loader) verifies the string and uses it to find the framework. Without it, or with a version it cannot read, the framework is not set up for the driver and the device does not start.",
        references: ["Specifying WDF Directives in INF Files", "InfVerif 1084"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Wdf]\nUmdfService = Dev, ↓Dev.Umdf\nUmdfServiceOrder = Dev\n[Dev.Umdf]\nServiceBinary = %13%\\dev.dll\n"),
                     RuleExample(device: RuleExample.kernelService() + "[Dev.NT.Wdf]\nKmdfService = dev, Dev.Kmdf\n[Dev.Kmdf]\nKmdfLibraryVersion = ↓1.33.0\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Wdf]\nUmdfService = Dev, Dev.Umdf\nUmdfServiceOrder = Dev\n[Dev.Umdf]\nUmdfLibraryVersion = 2.33.0\nServiceBinary = %13%\\dev.dll\n"),
                  RuleExample(device: RuleExample.kernelService() + "[Dev.NT.Wdf]\nKmdfService = dev, Dev.Kmdf\n[Dev.Kmdf]\nKmdfLibraryVersion = 1.33\n")])

    /// The WDF service directives of a `.Wdf` section and the version key of the sections they name.
    static let services = [("KmdfService", "KmdfLibraryVersion"), ("UmdfService", "UmdfLibraryVersion")]

    func check(_ context: LintContext, into findings: inout Findings) {
        var checked = Set<String>()
        for (directive, key) in Self.services {
            let parts = directive == "KmdfService" ? 2 : 3   // major.minor, major.minor.service
            for line in context.reachedLines(key: directive) {
                let name = (line.field(2) ?? "").trimmingWhitespace()
                // A missing section is DK3001's; each section is checked once.
                guard !name.isEmpty, let section = context.document.section(name), checked.insert(name.lowercased() + key).inserted else { continue }
                guard let versionLine = context.document.firstLine(in: name, key: key) else {
                    findings.add(Self.info, "[\(section.name)] has no \(key): Windows does not know which framework \(line.field(1)?.trimmingWhitespace() ?? "the driver") uses",
                                 at: line.range(ofField: 2), infVerif: 1084)
                    continue
                }
                let value = (versionLine.field(1) ?? "").trimmingWhitespace()
                if context.isTemplate && value.contains("$") { continue }
                let numbers = value.split(separator: ".", omittingEmptySubsequences: false)
                guard numbers.count != parts || !numbers.allSatisfy({ !$0.isEmpty && $0.count <= 5 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { continue }
                let form = parts == 2 ? "major.minor (1.33)" : "major.minor.service (2.33.0)"
                findings.add(Self.info, "\(key) '\(value)' is not \(form)", at: versionLine.range(ofField: 1))
            }
        }
    }
}
