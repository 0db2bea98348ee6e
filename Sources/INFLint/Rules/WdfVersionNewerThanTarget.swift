import INFModel
import INFSyntax

struct WdfVersionNewerThanTarget: LintRule {
    static let info = RuleInfo(
        code: "DK4017", name: "wdf-version-newer-than-target",
        summary: "A KMDF or UMDF version that the oldest Windows a models section targets does not have.",
        severity: .warning,
        whatItDoes: "For each models section, takes the oldest Windows its decoration admits (Windows 7 at the oldest), picks the install section Windows would pick there, follows its `.Wdf` section's KmdfService and UmdfService lines, and reports a KmdfLibraryVersion or UmdfLibraryVersion that first shipped with a later Windows (KMDF 1.13 and UMDF 2.0 with Windows 8.1; KMDF 1.15/UMDF 2.15 with Windows 10 1507, up to KMDF 1.33/UMDF 2.33 with Windows Server 2022 and Windows 11).",
        whyBad: "\"KMDF Version History\" and \"UMDF Version History\": from KMDF 1.13 and UMDF 2.0 there is no co-installer, and a driver runs only on a Windows that includes its framework version. An older release the models section admits installs the driver, which then does not load. Give the decoration the build number of the release that brought the framework (`NTamd64.10.0...17763` for KMDF 1.27), or build against an older framework.",
        references: ["KMDF Version History", "UMDF Version History", "INF Manufacturer Section", "Specifying WDF Directives in INF Files"],
        triggering: [RuleExample(Self.inf(decoration: "NTamd64.10.0...17763", version: "↓1.33"))],
        passing: [RuleExample(Self.inf(decoration: "NTamd64.10.0...22000", version: "1.33")),
                  RuleExample(Self.inf(decoration: "NTamd64.10.0...17763", version: "1.27"))])

    /// A KMDF driver whose models section is decorated `decoration` and whose KmdfLibraryVersion is `version`.
    static func inf(decoration: String, version: String) -> String {
        "[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nContoso = Models, \(decoration)\n[Models.\(decoration)]\nDevice = Dev, Root\\Dev\n"
            + "[Dev.NT]\n[Dev.NT.Wdf]\nKmdfService = dev, Dev.Kmdf\n[Dev.Kmdf]\nKmdfLibraryVersion = \(version)\n"
    }

    /// The first Windows (major, minor, build) that includes a framework version ("KMDF/UMDF Version History").
    static let kmdf: [Int: (Int, Int, Int)] = [13: (6, 3, 0), 15: (10, 0, 10240), 17: (10, 0, 10586), 19: (10, 0, 14393), 21: (10, 0, 15063),
                                               23: (10, 0, 16299), 25: (10, 0, 17134), 27: (10, 0, 17763), 29: (10, 0, 18362),
                                               31: (10, 0, 19041), 33: (10, 0, 20348)]
    /// UMDF 2.0 came with Windows 8.1; from 2.15 on, UMDF 2.N came with the release of KMDF 1.N.
    static func umdf(_ minor: Int) -> (Int, Int, Int)? { minor == 0 ? (6, 3, 0) : minor >= 15 ? kmdf[minor] : nil }

    static func release(_ floor: (Int, Int, Int)) -> String {
        let names: [Int: String] = [10240: "Windows 10 1507", 10586: "Windows 10 1511", 14393: "Windows 10 1607", 15063: "Windows 10 1703",
                                    16299: "Windows 10 1709", 17134: "Windows 10 1803", 17763: "Windows 10 1809", 18362: "Windows 10 1903",
                                    19041: "Windows 10 2004", 20348: "Windows Server 2022 and Windows 11"]
        return floor.0 == 6 ? "Windows 8.1" : names[floor.2] ?? "\(floor.0).\(floor.1).\(floor.2)"
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<Int>()
        // drvkit's oldest Windows is 7: frameworks older releases lack are not reported.
        for (section, platform, install) in context.oldestInstalls(floor: (6, 1)) {
            let oldest = (platform.majorVersion, platform.minorVersion, platform.buildNumber)
            let wdf = install.name(of: .wdf)
            for (directive, key) in WdfLibraryVersionMissing.services {
                let kernelMode = directive == "KmdfService"
                for line in context.document.lines(in: wdf, key: directive) {
                    let name = (line.field(2) ?? "").trimmingWhitespace()
                    guard !name.isEmpty, let versionLine = context.document.firstLine(in: name, key: key) else { continue }
                    let parts = (versionLine.field(1) ?? "").trimmingWhitespace().split(separator: ".")
                    guard parts.count >= 2, let minor = Int(parts[1]), let floor = kernelMode ? Self.kmdf[minor] : Self.umdf(minor), floor > oldest,
                          reported.insert(versionLine.range.lowerBound).inserted else { continue }
                    let framework = kernelMode ? "KMDF" : "UMDF"
                    findings.add(Self.info, "\(framework) \(parts[0]).\(minor) first shipped with \(Self.release(floor)) (\(floor.0).\(floor.1)\(floor.2 > 0 ? "...\(floor.2)" : "")), but [\(section)] also installs [\(install.sectionName)] on older Windows, where the driver does not load",
                                 at: versionLine.range(ofField: 1))
                }
            }
        }
    }
}
