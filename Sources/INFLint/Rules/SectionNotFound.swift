import INFModel
import INFSyntax

struct SectionNotFound: LintRule {
    static let info = RuleInfo(
        code: "DK3001", name: "section-not-found",
        summary: "A directive names a section that the INF does not have.",
        severity: .error, infVerif: 1203, alsoInfVerif: [1315, 2006],
        whatItDoes: "Reports AddReg, CopyFiles, AddService and other directives whose section argument names no section of the INF (sections that `Include` other INFs may name theirs). As InfVerif does, a missing section named by Needs carries InfVerif 1315, and a missing service-install section of AddService 2006.",
        whyBad: "SetupAPI fails the install (ERROR_SECTION_NOT_FOUND) or silently skips the work, depending on the directive. `CopyFiles = file.sys` is a common mistake: a single file needs `@`.",
        references: ["INF CopyFiles Directive", "InfVerif 1203"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = ↓dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = @dev.sys\n")])

    static let fileExtensions = ["sys", "dll", "exe", "cat", "inf", "bin", "ini", "cpl", "ocx", "drv"]

    func check(_ context: LintContext, into findings: inout Findings) {
        for ref in context.graph.references where !context.document.hasSection(ref.target) {
            let directive = ref.directive.lowercased()
            // With Include, the section may come from the included system INF (InfVerif 1220 asks for Needs
            // instead, but Windows resolves it).
            if !context.document.includes(in: ref.fromSection).isEmpty { continue }
            let ext = ref.target.split(separator: ".").last.map { $0.lowercased() } ?? ""
            let hint = directive == "copyfiles" && Self.fileExtensions.contains(ext) ? "; to copy a single file write CopyFiles = @\(ref.target)" : ""
            let infVerif = directive == "needs" ? 1315 : directive == "addservice" && ref.fieldNumber == 3 ? 2006 : nil
            findings.add(Self.info, "\(ref.directive) names section [\(ref.target)], which does not exist\(hint)", at: ref.range, infVerif: infVerif)
        }
    }
}
