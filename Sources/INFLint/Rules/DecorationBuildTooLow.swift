import INFModel
import INFSyntax

struct DecorationBuildTooLow: LintRule {
    static let info = RuleInfo(
        code: "DK4015", name: "decoration-build-too-low",
        summary: "A TargetOSVersion decoration with a build number below 10.0.14310, where build numbers begin.",
        severity: .error, infVerif: 1288,
        whatItDoes: "Reports manufacturer decorations that give a BuildNumber with an OS version and build below 10.0.14310 (Windows 10 1607), including a build number without OSMajorVersion 10 and OSMinorVersion 0.",
        whyBad: "\"INF Manufacturer Section\": the OS version and build number must both be at least those of build 14310, where the field was introduced. Earlier builds (Windows 10 1507 and 1511, build 10240 and 10586) do not parse such a decoration at all, so the models section meant for them is never used there.",
        references: ["INF Manufacturer Section", "InfVerif 1288"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, ↓NTamd64.10.0...10240\n[Models.NTamd64.10.0...10240]\nDevice = Install, Root\\Dev\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, NTamd64.10.0, NTamd64.10.0...16299\n[Models.NTamd64.10.0]\nDevice = Install, Root\\Dev\n[Models.NTamd64.10.0...16299]\nDevice = Install, Root\\Dev\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for m in context.document.manufacturers {
            for (i, field) in m.line.fields.enumerated().dropFirst() {
                guard let decoration = TargetOSVersion(field), let build = decoration.buildNumber else { continue }
                let version = (decoration.majorVersion ?? 0, decoration.minorVersion ?? 0, build)
                guard version < (10, 0, 14310) else { continue }
                let what = decoration.majorVersion == 10 && decoration.minorVersion ?? 0 == 0
                    ? "build \(build), below 14310" : "a build number with OS version \(version.0).\(version.1), below 10.0"
                findings.add(Self.info, "\(decoration.text) gives \(what): build numbers count from Windows 10 build 14310 on, and earlier Windows does not parse the decoration at all (leave the build number out to target it)",
                             at: m.line.range(ofField: i + 1))
            }
        }
    }
}
