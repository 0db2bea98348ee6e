import INFModel
import INFSyntax

struct CatalogFileInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK2009", name: "catalog-file-invalid",
        summary: "CatalogFile is not a plain `.cat` file name.",
        severity: .error, infVerif: 1214,
        whatItDoes: "Reports CatalogFile values that contain a path, are empty, or do not end in `.cat`.",
        whyBad: "The catalog must sit next to the INF in the package; a path or another extension means signing tools and the driver store cannot find it.",
        references: ["INF Version Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nCatalogFile = ↓sub\\dev.cat\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nCatalogFile = dev.cat\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for entry in context.version.catalogFiles {
            let name = entry.file.value.trimmingWhitespace()
            if entry.fileName == nil && !name.isEmpty {
                findings.add(Self.info, "CatalogFile '\(name)' contains a path; it must be a file name next to the INF", at: entry.file.range)
            } else if !name.lowercased().hasSuffix(".cat") {
                findings.add(Self.info, "CatalogFile '\(name)' does not end in .cat", at: entry.file.range)
            }
        }
    }
}
