import INFSyntax

/// The JSON of CLI.md: `{"files":[{"path","diagnostics":[…]}],"summary":{…}}`.
public enum JSONRenderer {
    public static func render(_ report: Report) -> String {
        let files: [JSON] = report.files.map { file in
            let diagnostics: [JSON] = file.diagnostics.map { d in
                let (start, end) = file.span(d)
                var members: [(String, JSON)] = [
                    ("code", .string(d.code)), ("rule", .string(report.rules[d.code]?.name ?? d.code)),
                    ("severity", .string(d.severity.rawValue)), ("message", .string(d.message)),
                    ("line", .int(start.line)), ("column", .int(start.column)),
                    ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
                ]
                if let infVerif = d.infVerif ?? report.rules[d.code]?.infVerif { members.append(("infverif", .int(infVerif))) }
                if let fix = d.fixTitle { members.append(("fix", .string(fix))) }
                return .object(members)
            }
            return .object([("path", .string(file.path)), ("diagnostics", .array(diagnostics))])
        }
        let summary: JSON = .object([("files", .int(report.files.count)), ("errors", .int(report.count(.error))),
                                     ("warnings", .int(report.count(.warning))), ("infos", .int(report.count(.info)))])
        return JSON.object([("files", .array(files)), ("summary", summary)]).serialized + "\n"
    }
}
