import INFModel
import INFSyntax

struct ServiceFieldInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5008", name: "service-field-invalid",
        summary: "ServiceType, StartType or ErrorControl out of range.",
        severity: .error,
        whatItDoes: "Reports ServiceType values other than 1, 2, 0x10, 0x20 (with 0x100 for interactive services), StartType outside 0 to 4, and ErrorControl outside 0 to 3.",
        whyBad: "The Service Control Manager rejects the service or treats it as a different kind, so the driver does not load.",
        references: ["INF AddService Directive"],
        triggering: [RuleExample(device: "SVC[Dev.Service]\nServiceType = 1\nStartType = ↓5\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n".replacingOccurrences(of: "SVC", with: Fixtures.service))],
        passing: [RuleExample(device: "SVC[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n".replacingOccurrences(of: "SVC", with: Fixtures.service))])

    func check(_ context: LintContext, into findings: inout Findings) {
        for (section, _) in context.serviceInstallSections {
            let checks: [(String, INFValue?, (UInt32) -> Bool)] = [
                ("ServiceType", section.serviceType, { [0x1, 0x2, 0x10, 0x20, 0x110, 0x120].contains($0) }),
                ("StartType", section.startType, { $0 <= 4 }),
                ("ErrorControl", section.errorControl, { $0 <= 3 }),
            ]
            for (name, value, valid) in checks {
                guard let value else { continue }
                if let n = IntegerField.parse(value.value), valid(n) { continue }
                findings.add(Self.info, "\(name) '\(value.value)' is not a valid value", at: value.range)
            }
        }
    }
}
