import INFModel
import INFSyntax

struct ComponentInstallInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5039", name: "component-install-invalid",
        summary: "A software component Windows cannot create as written: a name two AddComponent lines use, or a component-install section without valid ComponentIDs.",
        severity: .error, alsoInfVerif: [1086, 1150],
        whatItDoes: "Reports a reached AddComponent line whose component name an earlier one already uses (InfVerif 1086), a component-install section without ComponentIDs, and ComponentIDs values that are empty or hold a `\\` or `,` (InfVerif 1150).",
        whyBad: "\"INF AddComponent Directive\": each AddComponent of an INF must have a unique name, and each component-install section at least a ComponentIDs entry. Windows builds the component's hardware IDs by putting `SWC\\` before each ComponentIDs value, so a `\\` in one makes an ID of another enumerator's shape, and one without an ID gives a device nothing matches.",
        references: ["INF AddComponent Directive", "INF DDInstall.Components Section", "InfVerif 1086, 1150"],
        triggering: [RuleExample(Self.extensionINF("AddComponent = Tool,, Tool.Component\nAddComponent = ↓Tool,, Tool.Component\n", ids: "Contoso_Tool")),
                     RuleExample(Self.extensionINF("AddComponent = Tool,, Tool.Component\n", ids: "↓SWC\\Contoso_Tool"))],
        passing: [RuleExample(Self.extensionINF("AddComponent = Tool,, Tool.Component\n", ids: "Contoso_Tool, Contoso_Tool_v2"))])

    /// An extension INF whose device's `.Components` section holds `components`, and whose
    /// `[Tool.Component]` gives `ids` as its ComponentIDs.
    static func extensionINF(_ components: String, ids: String) -> String {
        "[Version]\nSignature = \"$Windows NT$\"\nClass = Extension\nClassGuid = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}\n"
            + "ExtensionId = {3846ad8c-dd27-433d-ab89-453654cd542a}\n"
            + "[Manufacturer]\nContoso = Models, NTamd64.10.0...16299\n[Models.NTamd64.10.0...16299]\nDevice = Dev, PCI\\VEN_1234&DEV_5678\n"
            + "[Dev.NT]\n[Dev.NT.Components]\n" + components + "[Tool.Component]\nComponentIDs = \(ids)\n"
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        var names: [String: String] = [:]
        for line in context.reachedLines(key: "AddComponent") {
            let name = (line.field(1) ?? "").trimmingWhitespace()
            guard !name.isEmpty else { continue }
            if let first = names[name.lowercased()] {
                findings.add(Self.info, "component '\(name)' is already added by another AddComponent line (as '\(first)'): each needs a name of its own",
                             at: line.range(ofField: 1), infVerif: 1086)
            } else {
                names[name.lowercased()] = name
            }
        }
        for name in context.reachedSections([.componentInstall]) {
            let section = context.document.section(name)?.name ?? name
            guard let ids = context.document.firstLine(in: name, key: "ComponentIDs") else {
                findings.add(Self.info, "[\(section)] has no ComponentIDs: the component gets no hardware ID", at: context.headerRange(of: section))
                continue
            }
            for (i, id) in ids.fields.enumerated() {
                let value = id.trimmingWhitespace()
                if value.isEmpty, ids.fields.count == 1 {
                    findings.add(Self.info, "ComponentIDs in [\(section)] is empty: the component gets no hardware ID", at: ids.keyRange ?? ids.range)
                } else if value.contains("\\") || value.contains(",") {
                    findings.add(Self.info, "component ID '\(value)' holds a '\\' or ',': Windows makes 'SWC\\\(value)' of it", at: ids.range(ofField: i + 1), infVerif: 1150)
                }
            }
        }
    }
}
