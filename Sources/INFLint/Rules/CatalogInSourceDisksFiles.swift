import INFModel
import INFSyntax

struct CatalogInSourceDisksFiles: LintRule {
    static let info = RuleInfo(
        code: "DK3011", name: "catalog-in-source-disks-files",
        summary: "A catalog (`.cat`) file listed in [SourceDisksFiles].",
        severity: .error, infVerif: 1213,
        whatItDoes: "Reports `.cat` files named in `[SourceDisksFiles]` or its architecture-decorated forms.",
        whyBad: "A package's catalog is named only by CatalogFile in [Version]: Windows finds it there when it stages the package, and never copies it as a driver file. Listing it as a source file is an error to InfVerif (1213), and copying it somewhere leaves a stale signature file outside the driver store.",
        references: ["INF SourceDisksFiles Section", "INF Version Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nCatalogFile = dev.cat\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\ndev.sys = 1\n↓dev.cat = 1\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nCatalogFile = dev.cat\n[SourceDisksNames]\n1 = \"Disk 1\"\n[SourceDisksFiles]\ndev.sys = 1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.sourceDisksFilesSections {
            for line in context.document.lines(of: section) {
                guard let name = line.key?.trimmingWhitespace(), name.lowercased().hasSuffix(".cat"), let range = line.keyRange else { continue }
                findings.add(Self.info, "\(name) is a catalog: name it with CatalogFile in [Version], not in [\(section.name)]", at: range)
            }
        }
    }
}
