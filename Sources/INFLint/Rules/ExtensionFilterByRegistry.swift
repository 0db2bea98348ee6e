import INFModel
import INFSyntax

struct ExtensionFilterByRegistry: LintRule {
    static let info = RuleInfo(
        code: "DK6008", name: "extension-filter-by-registry",
        summary: "An extension INF that adds a device filter by writing UpperFilters or LowerFilters (AddReg or AddProperty).",
        severity: .warning, infVerif: 1384,
        whatItDoes: "In an extension INF, reports HKR AddReg lines of a `.HW` section that write the device's `UpperFilters` or `LowerFilters`, and AddProperty lines setting DEVPKEY_Device_UpperFilters or DEVPKEY_Device_LowerFilters ({a45c254e-df1c-4efd-8020-67d146a850e0}, 19 and 20).",
        whyBad: "Windows applies extension INFs after the base INF, in no set order among themselves (\"Using an Extension INF File\"), so a filter list written by one overwrites, or is overwritten by, the base INF's and the other extensions'. A `[DDInstall.Filters]` section with AddFilter registers the filter by position or level, and Windows builds the list from every package's registrations.",
        references: ["Using an Extension INF File", "INF AddFilter Directive", "Device filter driver ordering", "InfVerif 1384"],
        triggering: [RuleExample(Self.extensionINF("[Ext.NT.HW]\nAddReg = Ext.HW.Reg\n[Ext.HW.Reg]\n↓HKR,,UpperFilters,0x00010008,\"ContosoFilter\"\n"))],
        passing: [RuleExample(Self.extensionINF("[Ext.NT.Filters]\nAddFilter = ContosoFilter,, Contoso.Filter\n[Contoso.Filter]\nFilterPosition = Upper\n"))])

    /// An extension INF installing `Ext` on amd64, around `body`.
    static func extensionINF(_ body: String) -> String {
        "[Version]\nSignature = \"$Windows NT$\"\nClass = Extension\nClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}\nExtensionId = {5C7A7D25-4E9B-4B5B-9E1A-2F1B8E7C3D11}\nProvider = Contoso\nCatalogFile = ext.cat\nDriverVer = 01/15/2024,1.0.0.0\nPnpLockdown = 1\n[Manufacturer]\nContoso = Models, NTamd64\n[Models.NTamd64]\n\"Contoso device\" = Ext, Root\\Dev\n[Ext.NT]\n" + body
    }

    /// DEVPKEY_Device_UpperFilters and DEVPKEY_Device_LowerFilters (devpkey.h).
    static let filterProperties = [DevicePropertyKey(category: "{a45c254e-df1c-4efd-8020-67d146a850e0}", identifier: 19): "UpperFilters",
                                   DevicePropertyKey(category: "{a45c254e-df1c-4efd-8020-67d146a850e0}", identifier: 20): "LowerFilters"]

    func check(_ context: LintContext, into findings: inout Findings) {
        guard context.isExtensionINF else { return }
        let advice = "an extension INF adds filters with AddFilter in a [DDInstall.Filters] section, which Windows merges with the other packages' filters"
        for (entry, name) in context.filterListWrites {
            findings.add(Self.info, "\(name) written with AddReg: \(advice)", at: entry.line.range)
        }
        for line in context.linesOfSections(namedBy: "AddProperty") {
            guard case .success(let entry) = AddPropertyEntry.read(line), let name = Self.filterProperties[entry.key] else { continue }
            findings.add(Self.info, "DEVPKEY_Device_\(name) set with AddProperty: \(advice)", at: line.range)
        }
    }
}
