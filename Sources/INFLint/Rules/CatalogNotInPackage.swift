import INFModel
import INFSyntax

struct CatalogNotInPackage: LintRule {
    static let info = RuleInfo(
        code: "DK8005", name: "catalog-not-in-package",
        summary: "The catalog [Version] names is not in the package folder.",
        severity: .warning,
        whatItDoes: "With `--package`, reports a `CatalogFile` (plain or decorated for a checked architecture) that is not a file at the top of the INF's folder.",
        whyBad: "Without its catalog the package is unsigned: 64-bit Windows will not load its kernel drivers (Code 52) and pnputil refuses it unless test signing allows it. `drvkit package build` writes (and with `--sign` signs) the catalog.",
        references: ["INF Version Section", "Catalog Files and Digital Signatures", "drvkit package build"],
        triggering: [RuleExample.copyingDevSys(names: ["example.inf", "dev.sys"]).withMarkerOnCatalog()],
        passing: [.copyingDevSys(names: ["example.inf", "dev.sys", "DEV.CAT"])])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let folder = context.packageFolder else { return }
        var reported = Set<String>()
        for architecture in folder.architectures {
            guard let entry = context.version.catalogFile(for: architecture), let name = entry.fileName,
                  !folder.topLevelNames.contains(name.lowercased()), reported.insert(name.lowercased()).inserted else { continue }
            findings.add(Self.info, "\(name) is not in the package folder: the package is unsigned until `drvkit package build` writes its catalog", at: entry.file.line.range(ofField: 1))
        }
    }
}

extension RuleExample {
    /// The example with `↓` before the skeleton's catalog name.
    func withMarkerOnCatalog() -> RuleExample {
        var example = RuleExample(RuleExample.deviceSkeleton(text).replacingOccurrences(of: "CatalogFile = dev.cat", with: "CatalogFile = ↓dev.cat"))
        example.packageFolder = packageFolder
        return example
    }
}
