/// drvkit's canonical INF layout (documented in README, "Formatting").
///
/// - Section headers: `[Name]` at the start of the line; text after `]` kept after one blank.
/// - Entries: no indentation, `key = a,b,c` (one blank each side of `=`, none around commas),
///   each key and field written exactly as before (quotes and inner blanks untouched),
///   a trailing comment after one blank.
/// - Comment lines lose leading and trailing blanks; runs of blank lines become one; blank lines at
///   the start and end of the file go; the last line gets a line end.
/// - Left exactly as written: lines continued with `\`, lines with an unclosed quote, text before the
///   first section (also when a header follows it on its line), a header without `]`, everything
///   after Ctrl-Z, and any line whose rewrite would read differently (each rewritten line is
///   re-read and compared with the original).
/// Encoding, BOM and each line's own line end are kept. Formatting a formatted file changes nothing.
public enum CanonicalFormatter {
    /// The formatted text of `tree`.
    public static func format(_ tree: SyntaxTree) -> [UInt16] {
        let u = tree.source.units
        let style = tree.source.lineEndings
        var out: [UInt16] = []
        out.reserveCapacity(u.count)
        var pendingBlank: [UInt16]? = nil
        var wroteContent = false
        let lastContentIndex = tree.lines.lastIndex { $0.kind != .blank && $0.kind != .ignoredTail } ?? -1

        for (index, line) in tree.lines.enumerated() {
            let terminator = Array(u[Int(line.contentEnd)..<Int(line.end)])
            switch line.kind {
            case .blank:
                if wroteContent && index < lastContentIndex && pendingBlank == nil { pendingBlank = terminator }
                continue
            case .ignoredTail:
                out.append(contentsOf: u[line.range])
                continue
            default:
                break
            }
            if let blank = pendingBlank { out.append(contentsOf: blank); pendingBlank = nil }
            wroteContent = true
            var body = content(of: line, in: tree)
            var end = terminator
            if end.isEmpty && index == lastContentIndex && !(tree.lines.last?.kind == .ignoredTail) {
                end = style == .mixed ? [0x0A] : style.newline
                // A new line end would itself be read: as part of an open quote, or as a continuation.
                if line.kind == .entry && (line.hasUnterminatedQuote || line.hasContinuation) { end = [] }
            }
            if line.kind == .entry && line.hasUnterminatedQuote { body = Array(u[Int(line.start)..<Int(line.contentEnd)]) }
            out.append(contentsOf: body)
            out.append(contentsOf: end)
        }
        return out
    }

    /// True when `tree` is already in canonical form.
    public static func isCanonical(_ tree: SyntaxTree) -> Bool {
        format(tree) == tree.source.units
    }

    static func trimmed(_ u: [UInt16], _ range: Range<Int>) -> ArraySlice<UInt16> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi && CharacterClass.isSpace(u[lo]) { lo += 1 }
        while hi > lo && CharacterClass.isSpace(u[hi - 1]) { hi -= 1 }
        return u[lo..<hi]
    }

    /// The line's canonical text, without its line end.
    static func content(of line: LineNode, in tree: SyntaxTree) -> [UInt16] {
        let u = tree.source.units
        let verbatim = Array(u[Int(line.start)..<Int(line.contentEnd)])
        switch line.kind {
        case .comment:
            return Array(trimmed(u, Int(line.comment)..<Int(line.contentEnd)))
        case .sectionHeader:
            // Text before the first section that runs into a `[` on the same line: SetupAPI counts
            // it against the file (ERROR_EXPECTED_SECTION_NAME), so it is not dropped.
            guard trimmed(u, Int(line.start)..<Int(line.openBracket)).isEmpty else { return verbatim }
            var text = Array(u[Int(line.openBracket)...Int(line.closeBracket)])
            let rest = trimmed(u, Int(line.closeBracket) + 1..<Int(line.contentEnd))
            if !rest.isEmpty { text.append(0x20); text.append(contentsOf: rest) }
            return text
        case .entry:
            guard !line.hasContinuation && !line.hasUnterminatedQuote else { return verbatim }
            let candidate = entryText(line, tree)
            return rereadsTheSame(candidate, as: line, in: tree) ? candidate : verbatim
        default:
            return verbatim
        }
    }

    static func entryText(_ line: LineNode, _ tree: SyntaxTree) -> [UInt16] {
        let u = tree.source.units
        var text: [UInt16] = []
        if line.hasExplicitKey {
            let key = u[tree.fields[Int(line.keyField)].range]
            if !key.isEmpty { text.append(contentsOf: key); text.append(0x20) }
            text.append(0x3D)  // =
        }
        for (n, i) in line.fieldIndexes.enumerated() {
            let raw = u[tree.fields[i].range]
            if n > 0 { text.append(0x2C) } else if line.hasExplicitKey && !raw.isEmpty { text.append(0x20) }
            text.append(contentsOf: raw)
        }
        if line.comment >= 0 {
            if !text.isEmpty { text.append(0x20) }
            text.append(contentsOf: trimmed(u, Int(line.comment)..<Int(line.contentEnd)))
        }
        return text
    }

    /// Re-reads `candidate` as an entry and checks it yields the same key and fields.
    static func rereadsTheSame(_ candidate: [UInt16], as line: LineNode, in tree: SyntaxTree) -> Bool {
        let probe = SyntaxTree(source: SourceText(units: [0x5B, 0x53, 0x5D, 0x0A] + candidate, encoding: .utf16LE(bom: false)))
        guard probe.lines.count == 2, probe.lines[1].kind == .entry else { return false }
        let other = probe.lines[1]
        guard probe.key(of: other) == tree.key(of: line), other.hasExplicitKey == line.hasExplicitKey else { return false }
        return probe.values(of: other) == tree.values(of: line)
    }
}
