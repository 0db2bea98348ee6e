import INFModel
import INFSyntax

struct ClassOrClassGuidMissing: LintRule {
    static let info = RuleInfo(
        code: "DK2003", name: "class-or-classguid-missing",
        summary: "A device INF without Class or without ClassGuid in [Version].",
        severity: .error, infVerif: 1234,
        whatItDoes: "Reports device INFs (with a [Manufacturer] section) that lack `Class` or `ClassGuid`, or give one without the other.",
        whyBad: "Windows files the device under its setup class by GUID; without both, the device lands in the wrong class or the INF cannot be staged (pnputil reports an invalid INF).",
        references: ["INF Version Section"],
        triggering: [RuleExample("↓[Version]\nSignature = \"$Windows NT$\"\nClass = Sample\n[Manufacturer]\nContoso = Models\n[Models]\nDevice = Install, Root\\Dev\n[Install]\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = Sample\nClassGuid = {78A1C341-4539-11d3-B88D-00C04FAD5171}\n[Manufacturer]\nContoso = Models\n[Models]\nDevice = Install, Root\\Dev\n[Install]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let v = context.version
        let hasClass = !(v.class?.value ?? "").isEmpty, hasGuid = !(v.classGuid?.value ?? "").isEmpty
        guard context.isDeviceINF || hasClass || hasGuid, !(hasClass && hasGuid) else { return }
        let missing = hasClass ? "ClassGuid" : hasGuid ? "Class" : "Class and ClassGuid"
        findings.add(Self.info, "[Version] has no \(missing): Windows needs both to file the device under its setup class", at: context.headerRange(of: "Version"))
    }
}
