import INFModel
import INFSyntax

struct StringOnlyLocalized: LintRule {
    static let info = RuleInfo(
        code: "DK3003", name: "string-only-localized",
        summary: "A `%token%` defined only in a localized [Strings.LLLL] section.",
        severity: .warning,
        whatItDoes: "Reports tokens defined in some [Strings.LLLL] section but not in [Strings].",
        whyBad: "On a machine whose language has no matching section, SetupAPI falls back to [Strings]; the token is then undefined and shown literally.",
        references: ["Creating International INF Files", "INF Strings Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = ↓%Mfg%\n[Strings.0407]\nMfg = \"Contoso GmbH\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nProvider = %Mfg%\n[Strings]\nMfg = \"Contoso\"\n[Strings.0407]\nMfg = \"Contoso GmbH\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var neutral = Set<String>(), localized: [String: [String]] = [:]
        for section in context.document.sections {
            let lower = section.name.lowercased()
            guard lower == "strings" || lower.hasPrefix("strings.") else { continue }
            for line in context.document.lines(of: section) {
                guard let k = line.rawKey?.lowercased() else { continue }
                if lower == "strings" { neutral.insert(k) } else { localized[k, default: []].append(section.name) }
            }
        }
        var reported = Set<String>()
        for use in context.stringUses {
            let key = use.name.lowercased()
            guard !neutral.contains(key), let sections = localized[key], reported.insert(key).inserted else { continue }
            findings.add(Self.info, "%\(use.name)% is defined only in [\(sections.joined(separator: "], ["))]: other languages show it literally", at: use.range)
        }
    }
}
