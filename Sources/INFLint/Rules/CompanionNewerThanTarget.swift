import INFModel
import INFSyntax

struct CompanionNewerThanTarget: LintRule {
    static let info = RuleInfo(
        code: "DK4016", name: "companion-newer-than-target",
        summary: "A DDInstall companion (.Filters, .Components, .Software, .Events, .COM) that Windows the models section targets does not read.",
        severity: .error, infVerif: 1199,
        whatItDoes: "For each models section, takes the oldest Windows its decoration admits, picks the install section Windows would pick there, and reports its `.Components` and `.Software` (read from Windows 10 1703), `.Events` (1809), `.Filters` (1903) and `.COM` (Windows 11 24H2) companions when that Windows is older.",
        whyBad: "An older release installs the driver from the same DDInstall section but does not read the companion, so the filter, component or event provider is silently missing there. A build number on the decoration (`NTamd64.10.0...18362`) keeps older releases off the section, as InfVerif asks.",
        references: ["INF DDInstall.Filters Section", "INF DDInstall.Components Section", "INF DDInstall.Software Section", "INF DDInstall.Events Section", "INF Manufacturer Section", "InfVerif 1199"],
        triggering: [RuleExample(device: "[Dev.NT]\n↓[Dev.NT.Filters]\nAddFilter = ContosoFilter,, Contoso.Filter\n[Contoso.Filter]\nFilterPosition = Upper\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64.10.0...18362\n[Models.NTamd64.10.0...18362]\nDevice = Dev, Root\\Dev\n[Dev.NT]\n[Dev.NT.Filters]\nAddFilter = ContosoFilter,, Contoso.Filter\n[Contoso.Filter]\nFilterPosition = Upper\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<String>()
        for (section, platform, install) in context.oldestInstalls() {
            for companion in DDInstall.Companion.allCases where !companion.isRead(on: platform) {
                let name = install.name(of: companion)
                guard let introduced = companion.introduced, context.document.hasSection(name),
                      reported.insert(name.lowercased()).inserted else { continue }
                let (major, minor, build) = introduced.version
                findings.add(Self.info, "[\(context.document.section(name)?.name ?? name)] is read from \(introduced.release) (\(major).\(minor).\(build)) on, but [\(section)] installs [\(install.sectionName)] on older Windows too, which ignores it: give the decoration a build number (.\(major).\(minor)...\(build)) or give older Windows an install section without it",
                             at: context.headerRange(of: name))
            }
        }
    }
}
