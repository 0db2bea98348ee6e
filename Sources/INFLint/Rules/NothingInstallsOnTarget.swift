import INFModel
import INFSyntax

struct NothingInstallsOnTarget: LintRule {
    static let info = RuleInfo(
        code: "DK4014", name: "nothing-installs-on-target",
        summary: "With `--osver`, an INF that installs nothing on that Windows.",
        severity: .error,
        whatItDoes: "With `drvkit lint --osver`, reports a device INF none of whose [Manufacturer] entries selects an existing models section on that Windows (architecture, version, product type), and an INF without [Manufacturer] that has [DefaultInstall] sections but none Windows picks there.",
        whyBad: "Windows finds no models section, or no DefaultInstall section, for that machine: the package stages, but no device ever gets its driver and right-click Install does nothing. The usual cause is a decoration for another architecture or a later build (`NTamd64.10.0...22000` linted for Windows 10).",
        references: ["INF Manufacturer Section", "Combining Platform Extensions with Operating System Versions", "Running InfVerif from the Command Line"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓[Manufacturer]\nContoso = Models, NTamd64.10.0...22000\n[Models.NTamd64.10.0...22000]\nDevice = Install, Root\\Dev\n[Install.NT]\n").targeting(osver: "NTamd64.10.0...19045"),
                     RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓[DefaultInstall.NTarm64]\n").targeting(osver: "NTamd64.10.0...19045")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64.10.0...22000, NTamd64.10.0...17763\n[Models.NTamd64.10.0...22000]\nDevice = Install, Root\\Dev\n[Models.NTamd64.10.0...17763]\nDevice = Install, Root\\Dev\n[Install.NT]\n").targeting(osver: "NTamd64.10.0...19045"),
                  RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[DefaultInstall.NTamd64]\n").targeting(osver: "NTamd64.10.0...19045")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let target = context.targetOS else { return }
        let document = context.document
        let windows = "\(target.architecture.rawValue) Windows \(target.majorVersion).\(target.minorVersion) build \(target.buildNumber)"
        if !document.manufacturers.isEmpty {
            let selected = document.manufacturers.compactMap { $0.modelsSectionName(for: target) }.filter(document.hasSection)
            guard selected.isEmpty else { return }
            let listed = document.manufacturers.flatMap(\.rawDecorations)
            findings.add(Self.info, "no [Manufacturer] entry has a models section for \(windows)"
                         + (listed.isEmpty ? "" : " (they list \(listed.joined(separator: ", ")))") + ": the INF installs no device there",
                         at: context.headerRange(of: "Manufacturer"))
            return
        }
        let defaults = document.sections.filter { $0.name.lowercased() == "defaultinstall" || $0.name.lowercased().hasPrefix("defaultinstall.") }
        guard let first = defaults.first, document.installSection("DefaultInstall", for: target) == nil else { return }
        findings.add(Self.info, "no [DefaultInstall] section applies to \(windows): right-click Install does nothing there", at: context.headerRange(of: first.name))
    }
}
