import INFModel
import INFSyntax

struct ServiceConfiguredDifferently: LintRule {
    static let info = RuleInfo(
        code: "DK5016", name: "service-configured-differently",
        summary: "One service installed with different settings by install sections that run on the same machine.",
        severity: .warning, severityByMode: [.universal: .error, .declarative: .warning, .hardwareDevCenter: .error], infVerif: 1333,
        alsoInfVerif: [1332],
        whatItDoes: "For each architecture, on current Windows, takes the install sections Windows would choose for the INF's models and reports an AddService naming a service that another of them installs through a different service-install section with other settings (ServiceType, StartType, ErrorControl, ServiceBinary, LoadOrderGroup, Dependencies, StartName), or whose AddReg writes a value of the service key differently (InfVerif 1332).",
        whyBad: "A service has one configuration: each device install rewrites it, so the settings depend on which device was installed last. InfVerif 1333 makes it an error in /u and /w and a warning in /k; so does drvkit.",
        references: ["INF AddService Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(Self.twoDevices(secondStartType: "1", marker: "↓"))],
        passing: [RuleExample(Self.twoDevices(secondStartType: "3", marker: ""))])

    static func twoDevices(secondStartType: String, marker: String) -> String {
        let body = RuleExample.kernelService()
            + RuleExample.kernelService(install: "Dev2", section: "Dev2.Service", startType: secondStartType, marker: marker) + "\n"
        return RuleExample.deviceSkeleton(body).replacingOccurrences(of: "%Dev.Desc% = Dev, Root\\Dev\n", with: "%Dev.Desc% = Dev, Root\\Dev\n%Dev.Desc% = Dev2, Root\\Dev2\n")
    }

    static let settings = ["ServiceType", "StartType", "ErrorControl", "ServiceBinary", "LoadOrderGroup", "Dependencies", "StartName"]

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<Int>()
        for architecture in context.architectures {
            var first: [String: (section: String, settings: [String: String], values: [String: String])] = [:]
            for install in context.currentInstalls(on: architecture) {
                for service in context.document.addServices(in: install.name(of: .services)) {
                    guard !service.serviceName.isEmpty, let name = service.installSection,
                          let section = context.document.serviceInstallSection(name) else { continue }
                    let settings = Self.settings(of: section)
                    let values = Self.serviceKeyValues(of: section, context.document)
                    let key = service.serviceName.lowercased()
                    guard let earlier = first[key] else { first[key] = (section.name, settings, values); continue }
                    guard earlier.section.lowercased() != section.name.lowercased(), reported.insert(service.line.range.lowerBound).inserted else { continue }
                    let differing = Self.settings.filter { earlier.settings[$0] != settings[$0] }
                    if !differing.isEmpty {
                        let what = differing.map { "\($0) \(earlier.settings[$0] ?? "unset") and \(settings[$0] ?? "unset")" }.joined(separator: ", ")
                        findings.add(Self.info, "service \(service.serviceName) is also installed by [\(earlier.section)] with other settings (\(what)): the device installed last decides", at: service.line.range(ofField: 3))
                    } else if let value = Set(earlier.values.keys).union(values.keys).sorted().first(where: { earlier.values[$0] != values[$0] }) {
                        findings.add(Self.info, "service \(service.serviceName): [\(earlier.section)] and [\(section.name)] write its key's value \(value) differently: the device installed last decides",
                                     at: service.line.range(ofField: 3), infVerif: 1332)
                    }
                }
            }
        }
    }

    /// The values a service-install section's AddReg writes in the service key (HKR), by `subkey\\name`.
    static func serviceKeyValues(of section: ServiceInstallSection, _ document: INFDocument) -> [String: String] {
        var result: [String: String] = [:]
        for list in section.addReg {
            for line in document.lines(in: list) {
                let entry = RegistryEntry(line: line)
                guard entry.root == .hkr, let (key, value) = entry.wholeValueWrite else { continue }
                let relative = String(key.dropFirst("hkr\\".count))
                if result[relative] == nil { result[relative] = value }
            }
        }
        return result
    }

    /// A service-install section's settings as Windows stores them: numbers as numbers, names without case.
    static func settings(of section: ServiceInstallSection) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in [("ServiceType", section.serviceType), ("StartType", section.startType), ("ErrorControl", section.errorControl)] {
            if let value { result[key] = ServiceInstallSection.number(value).map { "\($0)" } ?? value.value }
        }
        for (key, value) in [("ServiceBinary", section.serviceBinary), ("LoadOrderGroup", section.loadOrderGroup), ("StartName", section.startName)] {
            if let value { result[key] = value.value.lowercased() }
        }
        if !section.dependencies.isEmpty { result["Dependencies"] = section.dependencies.map { $0.value.lowercased() }.joined(separator: ",") }
        return result
    }
}
