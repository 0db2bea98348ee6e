import INFModel
import INFSyntax

struct CatalogFileMissing: LintRule {
    static let info = RuleInfo(
        code: "DK2008", name: "catalog-file-missing",
        summary: "A device INF without a CatalogFile in [Version].",
        severity: .warning, severityByMode: [.universal: .error], infVerif: 1233,
        whatItDoes: "Reports device INFs with no `CatalogFile` (plain or decorated for every target architecture).",
        whyBad: "The catalog carries the package's signature; without it the package cannot be signed, and 64-bit Windows refuses to load its kernel drivers (Code 52).",
        references: ["INF Version Section", "InfVerif 1233"],
        triggering: [RuleExample(device: "[Dev.NT]\n").withoutCatalog()],
        passing: [RuleExample(device: "[Dev.NT]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF else { return }
        let v = context.version
        let missing = context.architectures.filter { v.catalogFile(for: $0) == nil }
        guard !missing.isEmpty else { return }
        let which = v.catalogFiles.isEmpty ? "" : " for \(missing.map(\.rawValue).joined(separator: ", "))"
        findings.add(Self.info, "no CatalogFile\(which): the package cannot be signed, and 64-bit Windows will not load its drivers", at: context.headerRange(of: "Version"))
    }
}

extension RuleExample {
    /// The example with its skeleton's CatalogFile line removed (and `↓` at the [Version] header).
    func withoutCatalog() -> RuleExample {
        RuleExample("↓" + source.replacingOccurrences(of: "CatalogFile = dev.cat\n", with: ""))
    }
}
