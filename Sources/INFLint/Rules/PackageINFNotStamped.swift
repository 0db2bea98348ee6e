import INFSyntax

struct PackageINFNotStamped: LintRule {
    static let info = RuleInfo(
        code: "DK8006", name: "package-inf-not-stamped",
        summary: "A package's `.inf` whose section names still hold stampinf's `$ARCH$` token.",
        severity: .error, infVerif: 1274,
        whatItDoes: "With `--package` (the folder is what ships), in INF files (not `.inx` templates), reports section headers and [Manufacturer] entries holding `$ARCH$`, the token stampinf replaces with the target architecture (case-sensitive, as stampinf matches it).",
        whyBad: "Windows reads `NT$ARCH$` as a platform it does not know, so a models section decorated with it is never chosen and the INF installs on no device. Build the INF with stampinf (or `drvkit stamp`), which turns `$ARCH$` into amd64, arm64 or x86. Without `--package` the rule stays quiet: a WDK project's source `.inf` holds `$ARCH$` on purpose, and is stamped when the project builds.",
        references: ["Stampinf", "INF Manufacturer Section", "InfVerif 1274"],
        triggering: [Self.inPackage("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, ↓NT$ARCH$\n↓[Models.NT$ARCH$]\n")],
        passing: [Self.inPackage("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\n")])

    static func inPackage(_ text: String) -> RuleExample {
        var example = RuleExample(text)
        example.packageFolder = PackageFolder(topLevelNames: ["example.inf"])
        return example
    }

    static let token = "$ARCH$"

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.packageFolder != nil, !context.isTemplateFileName else { return }
        let tree = context.tree
        var inManufacturer = false
        for line in tree.lines {
            if line.kind == .sectionHeader {
                let name = tree.sectionName(of: line) ?? ""
                inManufacturer = name.trimmingWhitespace().caseInsensitiveCompare("Manufacturer") == .orderedSame
                if name.contains(Self.token) {
                    findings.add(Self.info, "section [\(name)] still holds \(Self.token): run stampinf to put the architecture in", at: Int(line.start)..<Int(line.contentEnd))
                }
            } else if inManufacturer && line.kind == .entry {
                for field in line.fieldIndexes.map({ tree.fields[$0] }) where tree.value(field).contains(Self.token) {
                    findings.add(Self.info, "decoration '\(tree.value(field).trimmingWhitespace())' still holds \(Self.token): run stampinf to put the architecture in",
                                 at: Int(field.start)..<Int(field.end))
                }
            }
        }
    }
}
