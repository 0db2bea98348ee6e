import INFModel
import INFSyntax

struct FeatureScoreInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK4011", name: "feature-score-invalid",
        summary: "A FeatureScore that is not one hexadecimal byte (00 to FF).",
        severity: .error, infVerif: 1245,
        whatItDoes: "Reports FeatureScore lines of the DDInstall sections devices install from whose value is not a hexadecimal byte, written with or without `0x` (`F6`, `0x40`).",
        whyBad: "The feature score is the second byte of the driver's rank: Windows cannot rank the driver as its author meant, and InfVerif rejects the INF (1245). The value is always hexadecimal: `FeatureScore = 10` means 0x10, not ten.",
        references: ["INF FeatureScore Directive", "How Windows Ranks Drivers", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(device: "[Dev.NT]\nFeatureScore = ↓0x1FF\n")],
        passing: [RuleExample(device: "[Dev.NT]\nFeatureScore = F6\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        var checked = Set<String>()
        for device in context.deviceInstalls where checked.insert(device.install.sectionName.lowercased()).inserted {
            for line in context.document.lines(in: device.install.sectionName, key: "FeatureScore") {
                let value = (line.field(1) ?? "").trimmingWhitespace()
                guard FeatureScore.parse(value) == nil else { continue }
                findings.add(Self.info, "FeatureScore '\(value)' is not one hexadecimal byte (00 to FF, with or without 0x)", at: line.range(ofField: 1))
            }
        }
    }
}
