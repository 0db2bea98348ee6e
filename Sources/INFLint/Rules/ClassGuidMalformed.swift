import INFModel
import INFSyntax

struct ClassGuidMalformed: LintRule {
    static let info = RuleInfo(
        code: "DK2005", name: "classguid-malformed",
        summary: "ClassGuid is not a GUID in `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` form.",
        severity: .error, infVerif: 1010,
        whatItDoes: "Reports ClassGuid values that are not braced 8-4-4-4-12 hexadecimal GUIDs.",
        whyBad: "Windows cannot convert the value to a GUID, so the INF cannot be installed for any device class.",
        references: ["INF Version Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Sample\nClassGuid = ↓78A1C341-4539-11d3-B88D-00C04FAD5171\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Sample\nClassGuid = {78A1C341-4539-11d3-B88D-00C04FAD5171}\n")])

    static func isGUID(_ s: String) -> Bool { BracedGUID.normalized(s) != nil }

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let guid = context.version.classGuid, !Self.isGUID(guid.value) else { return }
        findings.add(Self.info, "'\(guid.value)' is not a GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", at: guid.range)
    }
}
