import INFModel
import INFSyntax

struct UMDFServiceNotOrdered: LintRule {
    static let info = RuleInfo(
        code: "DK5034", name: "umdf-service-not-ordered",
        summary: "A UmdfService that the `.Wdf` section's UmdfServiceOrder does not list (or no UmdfServiceOrder at all).",
        severity: .error, infVerif: 1400,
        whatItDoes: "Reports, in each reached `[DDInstall.Wdf]` section, UmdfService lines whose service name no UmdfServiceOrder line of that section lists.",
        whyBad: "\"Specifying WDF Directives in INF Files\": UmdfServiceOrder lists the UMDF drivers in the order they go on the device stack, lowest first, and \"even if the co-installer installs only one UMDF driver on the device stack, the INF file must contain this directive\". A driver it leaves out is not put on the stack.",
        references: ["Specifying WDF Directives in INF Files", "InfVerif 1400"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Wdf]\n↓UmdfService = Dev, Dev.Umdf\n[Dev.Umdf]\nUmdfLibraryVersion = 2.33.0\nServiceBinary = %13%\\dev.dll\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.Wdf]\nUmdfService = Dev, Dev.Umdf\nUmdfServiceOrder = Dev\n[Dev.Umdf]\nUmdfLibraryVersion = 2.33.0\nServiceBinary = %13%\\dev.dll\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.reachedSections([.wdf]) {
            let services = context.document.lines(in: name, key: "UmdfService")
            guard !services.isEmpty else { continue }
            let ordered = Set(context.document.lines(in: name, key: "UmdfServiceOrder").flatMap(\.fields).map { $0.trimmingWhitespace().lowercased() })
            let section = context.document.section(name)?.name ?? name
            for line in services {
                let service = (line.field(1) ?? "").trimmingWhitespace()
                guard !service.isEmpty, !ordered.contains(service.lowercased()) else { continue }
                let why = ordered.isEmpty ? "[\(section)] has no UmdfServiceOrder, which every UMDF driver's .Wdf section needs"
                                          : "UmdfServiceOrder in [\(section)] does not list it"
                findings.add(Self.info, "UMDF service '\(service)' is not put on the device stack: \(why)", at: line.keyRange ?? line.range)
            }
        }
    }
}
