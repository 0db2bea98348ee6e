import INFModel
import INFSyntax

struct BitRegMaskNotByte: LintRule {
    static let info = RuleInfo(
        code: "DK5031", name: "bitreg-mask-not-byte",
        summary: "A BitReg line whose byte-mask is missing or is not one hexadecimal byte.",
        severity: .error, infVerif: 1262,
        whatItDoes: "Reports BitReg lines whose fifth field, the byte-mask, is empty or is not a hexadecimal byte (`80`, `0x80`; at most `FF`).",
        whyBad: "BitReg sets or clears the bits of one byte of a REG_BINARY value, chosen by byte-to-modify; \"INF BitReg Directive\" defines the mask as \"byte-sized\". A wider mask cannot say which bits of which byte are meant, and no mask changes nothing.",
        references: ["INF BitReg Directive", "InfVerif 1262"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nBitReg = Dev.Bits\n[Dev.Bits]\nHKR,,Flags,1,↓0x1FF,0\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nBitReg = Dev.Bits\n[Dev.Bits]\nHKR,,Flags,1,0x80,0\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "bitreg" {
            let line = use.entry.line
            let mask = use.entry.data.first?.trimmingWhitespace() ?? ""
            if mask.isEmpty {
                findings.add(Self.info, "BitReg entry has no byte-mask (field 5): it changes no bit", at: line.range)
            } else if !AddRegDataInvalid.isByte(mask) {
                findings.add(Self.info, "BitReg entry has the non-byte bitmask '\(mask)': the mask is one hexadecimal byte (00 to FF) of the byte that byte-to-modify selects",
                             at: line.range(ofField: 5))
            }
        }
    }
}
