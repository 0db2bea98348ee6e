import Foundation
import INFSyntax

/// SARIF 2.1.0: one run, the rules that fired in `tool.driver.rules`, a result per finding.
public enum SARIFRenderer {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let infVerifDocs = "https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings"

    static func level(_ s: Severity) -> String {
        switch s { case .error: return "error"; case .warning: return "warning"; case .info: return "note" }
    }

    /// A relative or absolute path as a URI reference (forward slashes, percent-encoded).
    static func uri(_ path: String) -> String {
        let slashed = path.replacingOccurrences(of: "\\", with: "/")
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let encoded = slashed.addingPercentEncoding(withAllowedCharacters: allowed) ?? slashed
        return slashed.hasPrefix("/") ? "file://" + encoded : encoded
    }

    static func region(_ file: ReportFile, _ range: Range<Int>) -> JSON {
        let start = file.source.location(of: range.lowerBound), end = file.source.location(of: range.upperBound)
        return .object([("startLine", .int(start.line)), ("startColumn", .int(start.column)),
                        ("endLine", .int(end.line)), ("endColumn", .int(range.isEmpty ? start.column : end.column))])
    }

    public static func render(_ report: Report) -> String {
        var fired: [String] = []
        for file in report.files { for d in file.diagnostics where !fired.contains(d.code) { fired.append(d.code) } }
        fired.sort()
        let rules: [JSON] = fired.map { code in
            let rule = report.rules[code]
            var members: [(String, JSON)] = [
                ("id", .string(code)), ("name", .string(rule?.name ?? code)),
                ("shortDescription", .object([("text", .string(rule?.summary ?? code))])),
                ("fullDescription", .object([("text", .string(rule?.summary ?? code))])),
                ("help", .object([("text", .string(rule?.documentation ?? "")), ("markdown", .string(rule?.documentation ?? ""))])),
            ]
            if rule?.infVerif != nil { members.append(("helpUri", .string(infVerifDocs))) }
            members.append(("defaultConfiguration", .object([("level", .string(level(rule?.defaultSeverity ?? .warning)))])))
            if let infVerif = rule?.infVerif { members.append(("properties", .object([("infverif", .int(infVerif))]))) }
            return .object(members)
        }
        var results: [JSON] = []
        for file in report.files {
            let location: (Range<Int>) -> JSON = { range in
                .object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(uri(file.path)))])),
                    ("region", region(file, range)),
                ]))])
            }
            for d in file.diagnostics {
                var members: [(String, JSON)] = [
                    ("ruleId", .string(d.code)), ("ruleIndex", .int(fired.firstIndex(of: d.code) ?? 0)),
                    ("level", .string(level(d.severity))), ("message", .object([("text", .string(d.message))])),
                    ("locations", .array([location(d.range)])),
                ]
                if let title = d.fixTitle, !d.fixEdits.isEmpty {
                    let replacements: [JSON] = d.fixEdits.map { edit in
                        .object([("deletedRegion", region(file, edit.range)),
                                 ("insertedContent", .object([("text", .string(String(decoding: edit.replacement, as: UTF16.self)))]))])
                    }
                    members.append(("fixes", .array([.object([
                        ("description", .object([("text", .string(title))])),
                        ("artifactChanges", .array([.object([("artifactLocation", .object([("uri", .string(uri(file.path)))])),
                                                             ("replacements", .array(replacements))])])),
                    ])])))
                }
                if let infVerif = d.infVerif { members.append(("properties", .object([("infverif", .int(infVerif))]))) }
                results.append(.object(members))
            }
        }
        let run: JSON = .object([
            ("tool", .object([("driver", .object([
                ("name", .string("drvkit")), ("version", .string(report.toolVersion)),
                ("rules", .array(rules)),
            ]))])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(results)),
        ])
        return JSON.object([("$schema", .string(schema)), ("version", .string("2.1.0")), ("runs", .array([run]))]).pretty + "\n"
    }
}
