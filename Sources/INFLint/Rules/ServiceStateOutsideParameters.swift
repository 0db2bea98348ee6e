import INFModel
import INFSyntax

struct ServiceStateOutsideParameters: LintRule {
    static let info = RuleInfo(
        code: "DK7016", name: "service-state-outside-parameters",
        summary: "A service-install AddReg writing outside the service's Parameters subkey.",
        mode: .windowsDriver, severity: .error, infVerif: 1323,
        isolation: true,
        whatItDoes: "Reports HKR lines of AddReg sections named by a service-install section (where HKR is the service's key) whose subkey is not `Parameters` or below it. Minifilters' `Instances` and `SupportedFeatures` included: Windows 11 24H2's Filter Manager reads them under Parameters.",
        whyBad: "Driver package isolation lets a package keep service state only under the service's Parameters subkey, which the driver opens with IoOpenDriverRegistryKey (DriverRegKeyParameters) or WdfDriverOpenParametersRegistryKey; the root of the service key belongs to the service control manager.",
        references: ["Porting an INF to follow driver package isolation", "Driver package isolation", "INF AddService Directive", "Creating an INF file for a minifilter driver"],
        triggering: [RuleExample(device: Self.service + "↓HKR,,ExampleValue,0x10001,0x40\n↓HKR,CustomSubkey,ExampleValue,0x10001,0x40\n↓HKR,ParametersX,ExampleValue,0x10001,0x40\n")],
        passing: [RuleExample(device: Self.service + "HKR,Parameters,ExampleValue,0x10001,0x40\nHKR,parameters\\Wdf,ExampleValue,0x10001,0x40\n")])

    static let service = RuleExample.kernelService() + "AddReg = Dev.Service.Reg\n[Dev.Service.Reg]\n"

    func check(_ context: LintContext, into findings: inout Findings) {
        for use in context.registryUses where use.context == .serviceKey && use.entry.root == .hkr && use.directive.lowercased() == "addreg" {
            let first = use.entry.subkey.split(whereSeparator: { $0 == "\\" }).first.map { $0.trimmingWhitespace().lowercased() }
            guard first != "parameters" else { continue }
            let place = use.entry.subkey.isEmpty ? "the root of the service key" : "service subkey \(use.entry.subkey)"
            let minifilter = first == "instances" || (first == nil && use.entry.valueName?.lowercased() == "supportedfeatures")
            let hint = minifilter ? " (from Windows 11 24H2 the Filter Manager reads a minifilter's Instances and SupportedFeatures under Parameters)" : ""
            findings.add(Self.info, "writes \(place): an isolated package keeps service state under HKR,Parameters\(hint)", at: use.entry.line.range(ofField: 1))
        }
    }
}
