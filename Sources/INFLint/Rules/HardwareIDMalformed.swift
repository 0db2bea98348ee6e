import INFModel
import INFSyntax

struct HardwareIDMalformed: LintRule {
    static let info = RuleInfo(
        code: "DK4005", name: "hardware-id-malformed",
        summary: "A hardware or compatible ID Windows will never report.",
        severity: .warning,
        whatItDoes: "Reports IDs with blanks or a trailing `\\`, and USB, PCI and HID IDs whose VID/PID/VEN/DEV fields are not four hexadecimal digits.",
        whyBad: "Bus drivers report IDs in a fixed form; an ID that deviates from it never matches a device, so the driver is never chosen.",
        references: ["Device Identification Strings", "Standard USB Identifiers", "Identifiers for PCI Devices"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, ↓USB\\VID_12G4&PID_0001\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\nDevice = Install, USB\\VID_1234&PID_0001\n")])

    /// Why an ID is malformed, or nil.
    static func problem(_ id: String) -> String? {
        if id.contains(" ") || id.contains("\t") { return "contains a blank" }
        if id.hasSuffix("\\") { return "ends with '\\'" }
        let upper = id.uppercased()
        for (prefix, fields) in [("USB\\", ["VID_", "PID_"]), ("HID\\", ["VID_", "PID_"]), ("PCI\\", ["VEN_", "DEV_", "SUBSYS_"])] where upper.hasPrefix(prefix) {
            for field in fields {
                guard let range = upper.range(of: field) else { continue }
                let digits = upper[range.upperBound...].prefix { $0 != "&" && $0 != "\\" }
                let wanted = field == "SUBSYS_" ? 8 : 4
                if digits.count != wanted || !digits.allSatisfy(\.isHexDigit) {
                    return "\(field.dropLast()) must be \(wanted) hexadecimal digits, not '\(digits)'"
                }
            }
        }
        return nil
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        for model in context.document.allModels {
            for (i, id) in ([model.hardwareID].compactMap { $0 } + model.compatibleIDs).enumerated() {
                if context.isTemplate && id.contains("$") { continue }
                if let problem = Self.problem(id) {
                    findings.add(Self.info, "ID '\(id)' \(problem): no device reports it", at: model.line.range(ofField: i + 2))
                }
            }
        }
    }
}
