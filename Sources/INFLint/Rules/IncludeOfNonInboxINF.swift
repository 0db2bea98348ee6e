import INFModel
import INFSyntax

struct IncludeOfNonInboxINF: LintRule {
    static let info = RuleInfo(
        code: "DK7012", name: "include-of-non-inbox-inf",
        summary: "Include of an INF that is not one of Windows' own.",
        mode: .universal, severity: .error, infVerif: 1202,
        whatItDoes: "Reports `Include` naming an INF that is not in Windows' own driver store: the 715 INFs of a Windows 11 installation image, from machine.inf, ks.inf, wdmaudio.inf, usb.inf, winusb.inf, msports.inf and mshidkmdf.inf to the class INFs (c_*.inf).",
        whyBad: "A package may depend only on INFs that ship with Windows (InfVerif 1202, an error in every mode): another package's INF may be missing, renamed as oemN.inf, or updated independently.",
        references: ["Driver package isolation", "INF Include Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\nInclude = ↓contoso-common.inf\nNeeds = Common.Install\n")],
        passing: [RuleExample(device: "[Dev.NT]\nInclude = machine.inf\nNeeds = PCI.Install\n"),
                  RuleExample(device: "[Dev.NT]\nInclude = MsHidKmdf.inf, msports.inf\nNeeds = MsHidKmdf.NT, SerialEnumerator.NT\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.graph.roles.keys.sorted() {
            for ref in context.document.includes(in: name) where !InboxINFs.contains(ref.value) {
                findings.add(Self.info, "Include of \(ref.value), which is not an inbox INF: isolated packages may depend only on Windows' own", at: ref.range)
            }
        }
    }
}
