import INFModel
import INFSyntax

struct ExtensionFunctionDriver: LintRule {
    static let info = RuleInfo(
        code: "DK5019", name: "extension-function-driver",
        summary: "An extension INF installs a service as a device's function driver.",
        severity: .error, infVerif: 1383,
        whatItDoes: "Reports AddService lines with SPSVCINST_ASSOCSERVICE (0x2) in extension INFs.",
        whyBad: "An extension INF adds to a device's base driver package and cannot provide its function driver; Windows ignores the flag's intent and InfVerif rejects it (1383). Install filters or other services without the flag, and leave the function driver to the base package.",
        references: ["Using an Extension INF File", "INF AddService Directive", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(Self.extensionINF("AddService = dev, ↓0x00000002, Dev.Service"))],
        passing: [RuleExample(Self.extensionINF("AddService = dev, 0, Dev.Service"))])

    static func extensionINF(_ addService: String) -> String {
        ExtensionIDInvalid.extensionINF("ExtensionId = {3846ad8c-dd27-433d-ab89-453654cd542a}\n")
            + "[Manufacturer]\nContoso = Ext, NTamd64\n[Ext.NTamd64]\nExtension = Ext_Install, Root\\Dev\n[Ext_Install.NT]\n[Ext_Install.NT.Services]\n"
            + addService + "\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n"
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isExtensionINF else { return }
        for (directive, _) in context.addServices where directive.isFunctionDriver {
            findings.add(Self.info, "an extension INF cannot install '\(directive.serviceName)' as the device's function driver (SPSVCINST_ASSOCSERVICE)", at: directive.line.range(ofField: 2))
        }
    }
}
