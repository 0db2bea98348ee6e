import INFModel
import INFSyntax

struct AddPropertyInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5028", name: "add-property-invalid",
        summary: "An AddProperty line Windows cannot apply: unknown name, bad key or type, flags that do not fit the type, or no value.",
        severity: .error,
        whatItDoes: "Reads every line of the add-property sections that reached AddProperty directives name: a property name must be one Windows knows (DeviceModel, DeviceVendorWebsite, DeviceDetailedDescription, DeviceDocumentationLink, DeviceIcon, DeviceBrandingIcon, GenericDriverInstalled) with fields 2 and 3 empty; a `{category-guid}` needs a property identifier of at least 2 and one of the five types AddProperty takes (0x12 string, 0x2012 string list, 0x1003 binary, 0x11 boolean, 0x7 UINT32); flags may only combine FLG_ADDPROPERTY_* bits that fit the type; the value must be there and read as the type.",
        whyBad: "Windows cannot set a property it cannot identify or whose value does not match its type: the line fails and the property (a device's model name, its icons, a capability a UWP app looks for) is missing after the install, with nothing in the INF to show why.",
        references: ["INF AddProperty Directive", "Using the INF AddProperty Directive and the INF DelProperty Directive", "Property Keys"],
        triggering: [RuleExample(device: "[Dev.NT]\nAddProperty = Dev.Properties\n[Dev.Properties]\n↓DeviceColour,,,,\"red\"\n"),
                     RuleExample(device: "[Dev.NT]\nAddProperty = Dev.Properties\n[Dev.Properties]\n{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 18, ↓0x4, \"one\"\n"),
                     RuleExample(device: "[Dev.NT]\n[Dev.NT.Interfaces]\nAddInterface = {df576976-569d-4672-95a0-f57e4ea0b210},, Dev.Interface\n[Dev.Interface]\nAddProperty = Dev.InterfaceProperties\n[Dev.InterfaceProperties]\n{026e516e-b814-414b-83cd-856d6fef4822}, 8, ↓0x12012,, \"Contoso.Capability\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\nAddProperty = Dev.Properties\n[Dev.Properties]\nDeviceModel,,,,\"Model 1\"\n{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x2012, 0x4, \"one\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.linesOfSections(namedBy: "AddProperty") {
            guard case .failure(let problem) = AddPropertyEntry.read(line) else { continue }
            findings.add(Self.info, problem.message, at: line.range(ofField: problem.field))
        }
    }
}
