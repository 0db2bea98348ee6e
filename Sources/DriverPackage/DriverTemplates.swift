import Foundation

/// The `.inx` templates `drvkit new` starts packages from (shipped as resources of this module).
public enum DriverTemplates {
    public struct Template: Sendable {
        public var name: String
        public var summary: String
    }

    public static let all: [Template] = [
        Template(name: "kmdf-function", summary: "KMDF function driver (kernel mode)"),
        Template(name: "wdm-function", summary: "WDM function driver (kernel mode)"),
        Template(name: "umdf2-function", summary: "UMDF 2 function driver (user mode, WUDFRd reflector)"),
        Template(name: "filter", summary: "upper or lower filter added by an extension INF (AddFilter)"),
        Template(name: "software-component", summary: "software component of a DCH package (AddSoftware)"),
    ]

    /// The template's text with `{{NAME}}`, `{{HWID}}`, `{{PROVIDER}}` and `{{GUID}}` filled in.
    public static func instantiate(_ template: String, name: String, hardwareID: String?, provider: String?) throws -> String {
        guard all.contains(where: { $0.name == template }) else {
            throw PackageProblem(path: template, line: nil, message: "no template '\(template)'; templates: \(all.map(\.name).joined(separator: ", "))")
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), name.first?.isLetter == true else {
            throw PackageProblem(path: name, line: nil, message: "the driver name must start with a letter and use only letters, digits and '_'")
        }
        guard let url = Bundle.module.url(forResource: template, withExtension: "inx", subdirectory: "Templates"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw PackageProblem(path: template, line: nil, message: "the template file is missing from drvkit's resources")
        }
        let defaultID = template == "software-component" ? "SWC\\\(name)" : "Root\\\(name)"
        return text.replacingOccurrences(of: "{{NAME}}", with: name)
            .replacingOccurrences(of: "{{HWID}}", with: hardwareID ?? defaultID)
            .replacingOccurrences(of: "{{PROVIDER}}", with: provider ?? "Contoso")
            .replacingOccurrences(of: "{{GUID}}", with: "{\(UUID().uuidString)}")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }
}
