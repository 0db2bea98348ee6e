import INFModel
import INFSyntax

struct ClassGuidMismatch: LintRule {
    static let info = RuleInfo(
        code: "DK2004", name: "classguid-does-not-match-class",
        summary: "ClassGuid is not the GUID of the Microsoft-defined class named by Class.",
        severity: .error, infVerif: 1281,
        whatItDoes: "Reports a Microsoft-defined class name (compared case-insensitively) paired with another GUID. The other direction, a system class GUID with another name, is DK2021.",
        whyBad: "Windows trusts the GUID: the device is filed under whichever class owns it, so it appears in the wrong Device Manager category and gets that class's filters and co-installers.",
        fix: (.unsafe, "Replaces ClassGuid with the GUID of the named system class."),
        references: ["System-Defined Device Setup Classes Available to Vendors"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Ports\nClassGuid = ↓{4D36E972-E325-11CE-BFC1-08002BE10318}\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Ports\nClassGuid = {4D36E978-E325-11CE-BFC1-08002BE10318}\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let v = context.version
        guard let cls = v.class, let guid = v.classGuid else { return }
        let lowerGuid = guid.value.lowercased().trimmingWhitespace()
        guard let expected = SystemSetupClasses.guids[cls.value.lowercased()], expected != lowerGuid else { return }
        let fix = Fix("use \(expected.uppercased())", safety: .unsafe, edits: [context.replaceField(1, of: guid.line, with: expected.uppercased())])
        findings.add(Self.info, "class \(cls.value) has GUID \(expected.uppercased()); Windows files this device under the class that owns \(guid.value)", at: guid.range, fix: fix)
    }
}
