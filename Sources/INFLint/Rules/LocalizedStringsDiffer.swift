import INFModel
import INFSyntax

struct LocalizedStringsDiffer: LintRule {
    static let info = RuleInfo(
        code: "DK2020", name: "localized-strings-differ",
        summary: "A [Strings.LLLL] section that does not define the same strings as [Strings].",
        severity: .error, infVerif: 1295,
        whatItDoes: "Compares the keys of every localized strings section with `[Strings]` (case-insensitive) and reports a section that lacks some or has others, naming them.",
        whyBad: "Every language of the INF must carry the same strings (InfVerif 1295). A key missing from a language falls back to [Strings], so users of that language see untranslated text; a key only in a language is undefined everywhere else.",
        references: ["Creating International INF Files", "INF Strings Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nMfg = \"Contoso\"\nDisk = \"Contoso Disk\"\n↓[Strings.0407]\nMfg = \"Contoso\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Strings]\nMfg = \"Contoso\"\nDisk = \"Contoso Disk\"\n[Strings.0407]\nMfg = \"Contoso\"\nDisk = \"Contoso Datenträger\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let document = context.document
        guard let neutral = document.section("Strings") else { return }
        let neutralKeys = Self.keys(of: neutral, in: document)
        for section in document.sections where Self.isLocalizedStrings(section.name) {
            let keys = Self.keys(of: section, in: document)
            let missing = neutralKeys.filter { keys[$0.key] == nil }.map(\.value).sorted()
            let extra = keys.filter { neutralKeys[$0.key] == nil }.map(\.value).sorted()
            guard !missing.isEmpty || !extra.isEmpty else { continue }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("lacks " + Self.list(missing) + " of [Strings]") }
            if !extra.isEmpty { parts.append("defines " + Self.list(extra) + ", which [Strings] does not") }
            findings.add(Self.info, "[\(section.name)] " + parts.joined(separator: " and "), at: context.headerRange(of: section.name))
        }
    }

    /// `Strings.LLLL`: a strings section for one language (four hexadecimal digits).
    static func isLocalizedStrings(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasPrefix("strings.") else { return false }
        let digits = lower.utf8.dropFirst(8)
        return digits.count == 4 && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Folded key → key as first written, for the keyed lines of `section`.
    static func keys(of section: INFDocument.Section, in document: INFDocument) -> [String: String] {
        var result: [String: String] = [:]
        for line in document.lines(of: section) {
            guard let key = line.rawKey?.trimmingWhitespace(), !key.isEmpty else { continue }
            if result[key.lowercased()] == nil { result[key.lowercased()] = key }
        }
        return result
    }

    /// Up to five names, then how many more.
    static func list(_ names: [String]) -> String {
        names.count <= 5 ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + " and \(names.count - 5) more"
    }
}
