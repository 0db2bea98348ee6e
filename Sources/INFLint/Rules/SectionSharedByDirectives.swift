import INFModel
import INFSyntax

struct SectionSharedByDirectives: LintRule {
    static let info = RuleInfo(
        code: "DK3010", name: "section-shared-by-directives",
        summary: "One section is named by two different directives of the same kind (CopyFiles and DelFiles, AddReg and DelReg).",
        severity: .warning, infVerif: 1205,
        whatItDoes: "Reports a section referenced both as, say, a CopyFiles list and a DelFiles list, or an AddReg and a DelReg section. A section named by directives of different kinds (CopyFiles and AddReg) is DK3017.",
        whyBad: "Each directive reads the lines with its own meaning, so one of the two uses does something unintended (deleting the files just copied, for example).",
        references: ["InfVerif 1205"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\nDelFiles = ↓Dev.Files\n[Dev.Files]\ndev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (earlier, ref) in Self.sharedSections(context) where Self.sameKind(earlier.directive, ref.directive) {
            findings.add(Self.info, "[\(ref.target)] is used by both \(earlier.directive) and \(ref.directive)", at: ref.range)
        }
    }

    /// What a directive reads its section as: file directives share file lists, registry directives
    /// registry sections, property directives property sections; any other has a kind of its own.
    static func kind(of directive: String) -> String {
        switch directive.lowercased() {
        case "copyfiles", "delfiles", "renfiles": return "a file list"
        case "addreg", "delreg", "bitreg": return "a registry section"
        case "addproperty", "delproperty": return "a property section"
        default: return "a section of \(directive)"
        }
    }

    /// Whether two directives read their sections as the same kind (DK3010) or not (DK3017).
    static func sameKind(_ a: String, _ b: String) -> Bool { kind(of: a).lowercased() == kind(of: b).lowercased() }

    /// Each section named by a second directive: the first reference and that second one (once per section).
    static func sharedSections(_ context: LintContext) -> [(SectionReference, SectionReference)] {
        var first: [String: SectionReference] = [:]
        var reported = Set<String>()
        var result: [(SectionReference, SectionReference)] = []
        for ref in context.graph.references {
            let key = ref.target.lowercased()
            let directive = ref.directive.lowercased()
            if directive == "needs" || directive == "addservice" || directive == "addinterface" { continue }
            if let earlier = first[key] {
                if earlier.directive.lowercased() != directive, reported.insert(key).inserted { result.append((earlier, ref)) }
            } else {
                first[key] = ref
            }
        }
        return result
    }
}
