import INFModel
import INFSyntax

struct RegistryValueSetDifferently: LintRule {
    static let info = RuleInfo(
        code: "DK5035", name: "registry-value-set-differently",
        summary: "One global registry value written with different data by install sections that run on the same machine.",
        severity: .warning, severityByMode: [.universal: .error, .declarative: .warning, .hardwareDevCenter: .error], infVerif: 1331,
        whatItDoes: "For each architecture, on current Windows, takes the install sections Windows would choose for the INF's models and reports an AddReg line of one (or of its `.HW` companion) that writes a value under HKLM, HKCR, HKCU or HKU which another writes with a different type or data. HKR values belong to each device and never collide.",
        whyBad: "A global value has one content: each device install rewrites it, so it holds whatever the device installed last wrote. InfVerif 1331 makes it an error in /u and /w and a warning in /k, because Windows may apply every section's registry operations ahead of time; so does drvkit.",
        references: ["INF AddReg Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(Self.twoDevices(second: "2", marker: "↓"))],
        passing: [RuleExample(Self.twoDevices(second: "1", marker: ""))])

    static func twoDevices(second: String, marker: String) -> String {
        let body = "[Dev.NT]\nAddReg = Dev.Reg\n[Dev2.NT]\nAddReg = Dev2.Reg\n[Dev.Reg]\nHKLM,Software\\Contoso,Mode,0x10001,1\n"
            + "[Dev2.Reg]\n\(marker)HKLM,Software\\Contoso,Mode,0x10001,\(second)\n"
        return RuleExample.deviceSkeleton(body).replacingOccurrences(of: "%Dev.Desc% = Dev, Root\\Dev\n", with: "%Dev.Desc% = Dev, Root\\Dev\n%Dev.Desc% = Dev2, Root\\Dev2\n")
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<Int>()
        for architecture in context.architectures {
            var first: [String: (section: String, value: String)] = [:]
            for install in context.currentInstalls(on: architecture) {
                for section in [install.sectionName, install.name(of: .hw)] {
                    for list in context.document.references("AddReg", in: section) {
                        for line in context.document.lines(in: list.value) {
                            let entry = RegistryEntry(line: line)
                            guard let root = entry.root, root != .hkr, let (key, value) = entry.wholeValueWrite else { continue }
                            guard let earlier = first[key] else { first[key] = (install.sectionName, value); continue }
                            guard earlier.section.lowercased() != install.sectionName.lowercased(), earlier.value != value,
                                  reported.insert(line.range.lowerBound).inserted else { continue }
                            findings.add(Self.info, "\(root.rawValue)\\\(entry.subkey) value '\(entry.valueName ?? "")' is also written by [\(earlier.section)] with other data: the device installed last decides",
                                         at: line.range)
                        }
                    }
                }
            }
        }
    }
}
