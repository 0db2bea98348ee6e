import INFModel
import INFSyntax

struct AddRegExtraValue: LintRule {
    static let info = RuleInfo(
        code: "DK5030", name: "addreg-extra-value",
        summary: "A REG_SZ or REG_EXPAND_SZ AddReg line with more than one data field: the rest is ignored.",
        severity: .warning, infVerif: 1201,
        whatItDoes: "Reports AddReg lines that write a REG_SZ or REG_EXPAND_SZ value and have a non-empty field after the fifth (the value's data).",
        whyBad: "SetupAPI reads a string value from field 5 alone, so `HKR,,FriendlyName,,Contoso, Inc.` writes \"Contoso\" and drops \" Inc.\" without a word. A comma that belongs to the value must be inside quotes (or in a `[Strings]` value named by a `%strkey%` token).",
        fix: (.unsafe, "Quotes the data fields as one string, keeping the commas."),
        references: ["INF AddReg Directive", "InfVerif 1201"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,FriendlyName,,Contoso, ↓Inc.\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,FriendlyName,,\"Contoso, Inc.\"\n"),
                  RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Names,0x00010000,First,Second\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "addreg" {
            let entry = use.entry
            guard let flags = entry.flags, flags & 0x14 == 0,   // FLG_ADDREG_DELVAL, FLG_ADDREG_KEYONLY: no data written
                  entry.valueType == .string || entry.valueType == .expandString,
                  let extra = entry.data.indices.dropFirst().first(where: { !entry.data[$0].trimmingWhitespace().isEmpty }) else { continue }
            let last = entry.data.indices.last { !entry.data[$0].trimmingWhitespace().isEmpty } ?? extra
            let line = entry.line
            let written = line.range(ofField: 5).lowerBound..<line.range(ofField: 5 + last).upperBound
            let text = TextConversion.string(context.tree.source.units[written])
            // Quoting is only a plain fix for unquoted text on one line.
            let fix = text.contains("\"") || text.contains("\n") ? nil
                : Fix("quote the data as one string", safety: .unsafe, edits: [SourceEdit(range: written, replacement: "\"\(text)\"")])
            findings.add(Self.info, "AddReg entry has an extra value '\(entry.data[extra])' and will be ignored: SetupAPI writes only '\(entry.data[0])' to \(entry.valueName ?? "the default value"); quote the data if the comma belongs to it",
                         at: line.range(ofField: 5 + extra), fix: fix)
        }
    }
}
