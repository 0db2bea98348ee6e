import INFSyntax

/// Compiler-style text: `file:line:col: severity: message [DKxxxx]`, the source line, a caret.
public enum TextRenderer {
    public static func render(_ report: Report, color: Bool) -> String {
        var out = ""
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        for file in report.files {
            for d in file.diagnostics {
                let (start, end) = file.span(d)
                let label: String
                switch d.severity {
                case .error: label = paint("error", "1;31")
                case .warning: label = paint("warning", "1;33")
                case .info: label = paint("info", "1;36")
                }
                out += paint("\(file.path):\(start.line):\(start.column):", "1") + " \(label): \(d.message) [\(d.code)]\n"
                let text = file.source.lineText(start.line).replacingOccurrences(of: "\t", with: " ")
                guard !text.isEmpty else { continue }
                let shown = String(text.prefix(200))
                let width = end.line == start.line ? max(1, end.column - start.column) : max(1, shown.utf16.count - start.column + 1)
                let caretStart = min(start.column - 1, shown.utf16.count)
                out += "    \(shown)\n"
                out += "    " + String(repeating: " ", count: caretStart) + paint("^" + String(repeating: "~", count: max(0, min(width, 200) - 1)), "1;32") + "\n"
                if let fix = d.fixTitle { out += "    = fix: \(fix)\n" }
            }
        }
        let errors = report.count(.error), warnings = report.count(.warning), infos = report.count(.info)
        out += "\(report.files.count) file\(report.files.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info\n"
        return out
    }
}
