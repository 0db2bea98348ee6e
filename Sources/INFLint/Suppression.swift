import INFSyntax

/// Inline suppressions: `; drvkit-ignore DK1234[, DK5678]` at the end of a line, or alone on the
/// line above, silences those codes on that line (`; drvkit-ignore` with no code silences all).
struct Suppressions {
    /// 1-based line number → codes (empty set: every code).
    private var byLine: [Int: Set<String>] = [:]

    init(tree: SyntaxTree) {
        let units = tree.source.units
        for (index, line) in tree.lines.enumerated() where line.comment >= 0 {
            let comment = units[Int(line.comment)..<Int(line.contentEnd)]
            guard Self.mayBeSuppression(comment) else { continue }
            let text = String(decoding: comment, as: UTF16.self)
            guard let codes = Self.parse(text) else { continue }
            let number = tree.lineNumber(of: Int(line.comment))
            if line.kind == .comment {
                // Applies to the next line that is not a comment or blank.
                var next = index + 1
                while next < tree.lines.count, [.comment, .blank].contains(tree.lines[next].kind) { next += 1 }
                if next < tree.lines.count { add(codes, tree.lineNumber(of: Int(tree.lines[next].start))) }
            } else {
                add(codes, number)
                // A continued line: the suppression covers every physical line of the entry.
                let first = tree.lineNumber(of: Int(line.start))
                for n in first..<number { add(codes, n) }
            }
        }
    }

    private mutating func add(_ codes: Set<String>, _ line: Int) {
        if let existing = byLine[line] {
            byLine[line] = existing.isEmpty || codes.isEmpty ? [] : existing.union(codes)
        } else {
            byLine[line] = codes
        }
    }

    static let marker = Array("drvkit-ignore".utf16)

    /// False when `parse` would certainly return nil, told from the code units without making a
    /// string (most comments): after `;` and blanks comes ASCII text other than `drvkit-ignore`.
    static func mayBeSuppression(_ comment: ArraySlice<UInt16>) -> Bool {
        var i = comment.startIndex
        while i < comment.endIndex && (comment[i] == 0x3B || comment[i] == 0x20 || comment[i] == 0x09) { i += 1 }
        for k in 0..<marker.count {
            guard i + k < comment.endIndex else { return false }
            let u = comment[i + k]
            if u >= 0x80 { return true }   // beyond ASCII: lowercasing may change it, leave it to `parse`
            if u.asciiLowercased != marker[k] { return false }
        }
        return true
    }

    /// The codes after `drvkit-ignore`, or nil when the comment is not a suppression.
    static func parse(_ comment: String) -> Set<String>? {
        let body = comment.drop { $0 == ";" || $0 == " " || $0 == "\t" }
        guard body.lowercased().hasPrefix("drvkit-ignore") else { return nil }
        let rest = body.dropFirst("drvkit-ignore".count)
        let codes = rest.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map { $0.uppercased() }
            .filter { $0.hasPrefix("DK") }
        return Set(codes)
    }

    func isSuppressed(_ code: String, line: Int) -> Bool {
        guard let codes = byLine[line] else { return false }
        return codes.isEmpty || codes.contains(code.uppercased())
    }
}
