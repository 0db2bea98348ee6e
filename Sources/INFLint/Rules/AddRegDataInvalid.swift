import INFModel
import INFSyntax

struct AddRegDataInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5003", name: "addreg-data-invalid",
        summary: "AddReg data that does not fit the value's type.",
        severity: .error, infVerif: 1267, alsoInfVerif: [1268],
        whatItDoes: "Reports binary data fields that are not hexadecimal bytes (InfVerif 1267), and REG_DWORD data that is not a 32-bit number (InfVerif 1268) or, given as bytes, not hexadecimal bytes.",
        whyBad: "SetupAPI converts what it can: a DWORD written as text becomes 0, and a binary field like `0x1FF` is truncated to its first two digits, so the registry ends up with a different value than written.",
        references: ["INF AddReg Directive", "InfVerif 1267", "InfVerif 1268"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,0x00010001,↓enabled\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,0x00010001,1\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.directive.lowercased() == "addreg" {
            let e = use.entry
            guard let type = e.valueType, !e.data.isEmpty else { continue }
            let data = e.data.map { $0.trimmingWhitespace() }
            switch type {
            case .dword:
                if data.count == 1 {
                    if !data[0].isEmpty && IntegerField.parse(data[0]) == nil {
                        findings.add(Self.info, "REG_DWORD data '\(data[0])' is not a number: SetupAPI writes 0", at: e.line.range(ofField: 5), infVerif: 1268)
                    }
                } else if let bad = data.firstIndex(where: { !Self.isByte($0) }) {
                    findings.add(Self.info, "REG_DWORD byte field '\(data[bad])' is not a hexadecimal byte", at: e.line.range(ofField: 5 + bad))
                }
            case .binary, .none:
                if let bad = data.firstIndex(where: { !$0.isEmpty && !Self.isByte($0) }) {
                    findings.add(Self.info, "binary data field '\(data[bad])' is not one hexadecimal byte: SetupAPI reads only its first two digits", at: e.line.range(ofField: 5 + bad))
                }
            default:
                break
            }
        }
    }

    static func isByte(_ s: String) -> Bool {
        let digits = s.lowercased().hasPrefix("0x") ? s.dropFirst(2) : Substring(s)
        return !digits.isEmpty && digits.count <= 2 && digits.allSatisfy(\.isHexDigit)
    }
}
