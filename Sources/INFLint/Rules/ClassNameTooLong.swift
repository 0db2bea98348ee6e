import INFModel
import INFSyntax

struct ClassNameTooLong: LintRule {
    static let info = RuleInfo(
        code: "DK2022", name: "class-name-too-long",
        summary: "A Class name longer than 31 characters.",
        severity: .error, infVerif: 1286,
        whatItDoes: "Reports a [Version] Class whose name is longer than 31 characters.",
        whyBad: "Setup class names are limited to MAX_CLASS_NAME_LEN (32 characters with the terminating NUL): `SetupDiGetINFClass` and `SetupDiClassNameFromGuid` cannot return a longer name, so Windows cannot install the class or file the device under it. InfVerif 1286.",
        references: ["INF Version Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = ↓ContosoFactoryCalibrationInstruments\nClassGuid = {78A1C341-4539-11d3-B88D-00C04FAD5171}\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = ContosoCalibration\nClassGuid = {78A1C341-4539-11d3-B88D-00C04FAD5171}\n")])

    /// MAX_CLASS_NAME_LEN less the NUL.
    static let maxLength = 31

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let cls = context.version.class else { return }
        let name = cls.value.trimmingWhitespace()
        guard name.utf16.count > Self.maxLength else { return }
        findings.add(Self.info, "class name '\(name)' has \(name.utf16.count) characters; setup class names have at most \(Self.maxLength)", at: cls.range)
    }
}
