import INFModel
import INFSyntax

struct PnpLockdownMissing: LintRule {
    static let info = RuleInfo(
        code: "DK2013", name: "pnplockdown-missing",
        summary: "A device INF without `PnpLockdown = 1`.",
        severity: .warning, severityByMode: [.hardwareDevCenter: .error], infVerif: 1324,
        whatItDoes: "Reports device INFs whose [Version] has no `PnpLockdown = 1`.",
        whyBad: "Without it, applications and other installers may overwrite the driver's files while it is installed. InfVerif warns in /u and /k and makes it an error for Windows Drivers (/w), as drvkit does from hardware-dev-center mode on.",
        fix: (.safe, "Adds `PnpLockdown = 1` to [Version] (or sets an existing value to 1)."),
        references: ["INF Version Section", "Declarative (DCH) driver packages"],
        triggering: [RuleExample(device: "[Dev.NT]\n").withoutLockdown()],
        passing: [RuleExample(device: "[Dev.NT]\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isDeviceINF else { return }
        if let existing = context.version.pnpLockdown {
            guard existing.value.trimmingWhitespace() != "1" else { return }
            let fix = Fix("set PnpLockdown = 1", safety: .safe, edits: [context.replaceField(1, of: existing.line, with: "1")])
            findings.add(Self.info, "PnpLockdown is '\(existing.value)', not 1: the driver's files are not protected", at: existing.range, fix: fix)
        } else {
            let fix = Fix("add PnpLockdown = 1", safety: .safe, edits: [context.appendEdit(["PnpLockdown = 1"], to: "Version")])
            findings.add(Self.info, "no PnpLockdown = 1: other installers may overwrite this driver's files", at: context.headerRange(of: "Version"), fix: fix)
        }
    }
}

extension RuleExample {
    /// The example without its skeleton's PnpLockdown line (and `↓` at the [Version] header).
    func withoutLockdown() -> RuleExample {
        RuleExample("↓" + source.replacingOccurrences(of: "PnpLockdown = 1\n", with: ""))
    }
}
