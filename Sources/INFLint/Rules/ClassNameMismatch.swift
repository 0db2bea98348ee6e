import INFModel
import INFSyntax

struct ClassNameMismatch: LintRule {
    static let info = RuleInfo(
        code: "DK2021", name: "class-does-not-match-classguid",
        summary: "ClassGuid is a Microsoft-defined class whose name is not the one Class gives.",
        severity: .error, infVerif: 1280,
        whatItDoes: "Reports a ClassGuid of a Microsoft-defined setup class paired with a Class that is not that class's name (compared case-insensitively).",
        whyBad: "Windows files the device under the class the GUID names, whatever Class says, so tools and INFs that go by the name see another class than Device Manager shows. InfVerif 1280.",
        fix: (.unsafe, "Replaces Class with the name of the class the GUID belongs to."),
        references: ["System-Defined Device Setup Classes Available to Vendors", "INF Version Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = ↓Serial\nClassGuid = {4D36E978-E325-11CE-BFC1-08002BE10318}\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Ports\nClassGuid = {4D36E978-E325-11CE-BFC1-08002BE10318}\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let v = context.version
        guard let cls = v.class, let guid = v.classGuid,
              let owner = SystemSetupClasses.names[guid.value.lowercased().trimmingWhitespace()],
              owner.lowercased() != cls.value.lowercased().trimmingWhitespace(),
              SystemSetupClasses.guids[cls.value.lowercased()] == nil else { return }   // a system name with another GUID is DK2004's
        let fix = Fix("use \(owner)", safety: .unsafe, edits: [context.replaceField(1, of: cls.line, with: owner)])
        findings.add(Self.info, "\(guid.value) is the GUID of the system class \(owner), not of \(cls.value)", at: cls.range, fix: fix)
    }
}
