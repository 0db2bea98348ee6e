import INFModel
import INFSyntax

struct DuplicateKey: LintRule {
    static let info = RuleInfo(
        code: "DK1014", name: "duplicate-key",
        summary: "A key defined twice where Windows uses only the first.",
        severity: .warning,
        whatItDoes: "Reports repeated keys in [Version], [Strings] sections, [DestinationDirs], [SourceDisksNames] and [SourceDisksFiles].",
        whyBad: "Windows looks these keys up with SetupFindFirstLine and takes the first match, so the later definition is dead text and its value never used.",
        references: ["INF Version Section", "INF Strings Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nName = \"first\"\n↓name = \"second\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nName = \"first\"\nOther = \"second\"\n")])

    static func applies(_ lower: String) -> Bool {
        ["version", "destinationdirs"].contains(lower) || lower == "strings" || lower.hasPrefix("strings.")
            || lower.hasPrefix("sourcedisksnames") || lower.hasPrefix("sourcedisksfiles")
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.document.sections where Self.applies(section.name.lowercased()) {
            var first: [String: Int] = [:]
            for line in context.document.lines(of: section) {
                guard let key = line.rawKey?.lowercased(), context.tree.lines[line.index].hasExplicitKey else { continue }
                if let earlier = first[key] {
                    findings.add(Self.info, "'\(line.rawKey!)' is already defined at line \(earlier) in [\(section.name)]; Windows uses the first", at: line.keyRange ?? line.range)
                } else {
                    first[key] = context.tree.lineNumber(of: line.range.lowerBound)
                }
            }
        }
    }
}
