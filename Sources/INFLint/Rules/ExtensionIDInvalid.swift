import INFModel
import INFSyntax

struct ExtensionIDInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK2019", name: "extension-id-invalid",
        summary: "An extension INF without an ExtensionId, or with one that is not a GUID.",
        severity: .error, infVerif: 1381, alsoInfVerif: [1380],
        whatItDoes: "Reports extension INFs (`Class = Extension` or its ClassGuid) whose [Version] has no ExtensionId (InfVerif 1381), or one that is not a braced GUID (1380).",
        whyBad: "Windows picks one extension INF per ExtensionId for a device (the one with the newest DriverVer); without a valid one the extension cannot be told apart from others and does not install.",
        references: ["Using an Extension INF File", "INF Version Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(Self.extensionINF("ExtensionId = ↓3846ad8c-dd27-433d-ab89-453654cd542a\n")),
                     RuleExample("[Version]\nSignature = \"$Windows NT$\"\n↓Class = Extension\nClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}\n")],
        passing: [RuleExample(Self.extensionINF("ExtensionId = {3846ad8c-dd27-433d-ab89-453654cd542a}\n"))])

    static func extensionINF(_ line: String) -> String {
        "[Version]\nSignature = \"$Windows NT$\"\nClass = Extension\nClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}\n" + line
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isExtensionINF else { return }
        guard let id = context.versionValue("ExtensionId") else {
            // Reported on the line that makes the INF an extension.
            let line = (context.version.class ?? context.version.classGuid)?.line.range ?? context.headerRange(of: "Version")
            findings.add(Self.info, "an extension INF needs an ExtensionId in [Version] (a GUID of its own)", at: line)
            return
        }
        let value = id.field(1) ?? ""
        guard !ClassGuidMalformed.isGUID(value) else { return }
        findings.add(Self.info, "ExtensionId '\(value)' is not a GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", at: id.range(ofField: 1), infVerif: 1380)
    }
}
