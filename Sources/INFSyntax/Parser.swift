/// Turns code units into ``LineNode``s and ``FieldNode``s.
///
/// Section headers, comments and blank lines are recognised per physical line; entries follow
/// SetupAPI's character state machine (key, value, quotes, leading and trailing blanks,
/// backslash continuation, comment), so keys and values come out exactly as SetupAPI reads them.
struct Parser {
    /// The lexers an entry line may go through, fastest first; each declines the lines it cannot
    /// take and gives the same nodes as SetupAPI's state machine (``EntryLexer``) on the others.
    enum EntryLexing {
        /// Only the state machine.
        case stateMachine
        /// ``lexPlainEntry(_:from:)``, then the state machine.
        case plainLoop
        /// The bit-mask lexer (x86-64), then ``lexPlainEntry(_:from:)``, then the state machine.
        case masked
    }

    let source: SourceText
    let end: Int
    let hasNUL: Bool
    var lines: NodeBuffer<LineNode>
    var fields: NodeBuffer<FieldNode>
    var cooked: [UInt16] = []
    var issues: [SyntaxIssue] = []
    var inSection = false
    /// Section headers (closed or not) and entry lines appended so far.
    var headerCount = 0
    var entryCount = 0
    /// Which lexers entry lines go through (all but the state machine are fast paths, tested against it).
    var entryLexing = EntryLexing.masked
    /// Where the plain entry lexer finds the next character it must look at.
    var specials = SpecialUnitScanner()

    /// A parser writing its nodes into `lines` and `fields` (uninitialised storage of at least
    /// ``NodeBounds`` nodes, else the nodes past it are dropped and the buffers report overflow).
    init(source: SourceText, lines: UnsafeMutableBufferPointer<LineNode>, fields: UnsafeMutableBufferPointer<FieldNode>) {
        self.source = source
        let units = source.units
        let rareControls = source.mayHoldNULOrControlZ
        let end = rareControls ? (units.firstIndex(of: CharacterClass.controlZ) ?? units.count) : units.count
        self.end = end
        self.hasNUL = rareControls && units[0..<end].contains(0)
        self.lines = NodeBuffer(lines)
        self.fields = NodeBuffer(fields)
    }

    /// How many nodes `source` can give at most.
    static func bounds(_ source: SourceText) -> NodeBounds {
        NodeBounds(source.separators ?? source.units.withUnsafeBufferPointer { NodeBounds.Separators(units: $0) })
    }

    mutating func run() {
        source.units.withUnsafeBufferPointer { u in
            var p = 0
            while p < end { p = parseLine(u, at: p) }
            if end < u.count {
                lines.append(LineNode(kind: .ignoredTail, start: Int32(offset: end), end: Int32(offset: u.count), contentEnd: Int32(offset: u.count)))
                issues.append(SyntaxIssue(kind: .controlZ, range: end..<end + 1))
            }
        }
        if hasNUL {
            source.units.withUnsafeBufferPointer { u in
                for i in 0..<end where u[i] == 0 { issues.append(SyntaxIssue(kind: .nulCharacter, range: i..<i + 1)) }
            }
        }
    }

    /// Offset of the `\n` ending the physical line that contains `p`, or `end`.
    @inline(__always)
    func endOfLine(_ u: UnsafeBufferPointer<UInt16>, from p: Int) -> Int {
        UnitScan.newline(u, from: p, end: end)
    }

    /// Where the line terminator starting the scan at `eol` begins (before a `\r` preceding `\n`).
    @inline(__always)
    func terminatorStart(_ u: UnsafeBufferPointer<UInt16>, eol: Int, lineStart: Int) -> Int {
        eol < end && eol > lineStart && u[eol - 1] == 0x0D ? eol - 1 : eol
    }

    @inline(__always)
    func afterLine(_ eol: Int) -> Int { eol < end ? eol + 1 : eol }

    mutating func parseLine(_ u: UnsafeBufferPointer<UInt16>, at lineStart: Int) -> Int {
        let p = CharacterClass.skipBlanks(u, from: lineStart, end: end)
        if p == end || u[p] == CharacterClass.newline {
            lines.append(LineNode(kind: .blank, start: Int32(offset: lineStart), end: Int32(offset: afterLine(p)),
                                  contentEnd: Int32(offset: terminatorStart(u, eol: p, lineStart: lineStart))))
            return afterLine(p)
        }
        switch u[p] {
        case 0x3B: // ;
            let eol = endOfLine(u, from: p)
            lines.append(LineNode(kind: .comment, start: Int32(offset: lineStart), end: Int32(offset: afterLine(eol)),
                                  comment: Int32(offset: p), contentEnd: Int32(offset: terminatorStart(u, eol: eol, lineStart: lineStart))))
            return afterLine(eol)
        case 0x5B: // [
            return parseHeader(u, bracket: p, lineStart: lineStart)
        default:
            return inSection ? parseEntry(u, from: p, lineStart: lineStart) : parseOrphan(u, from: p, lineStart: lineStart)
        }
    }

    /// Text before the first section: SetupAPI skips it character by character, still
    /// honouring `;` comments and a `[` that opens a section.
    mutating func parseOrphan(_ u: UnsafeBufferPointer<UInt16>, from p: Int, lineStart: Int) -> Int {
        var q = p
        while q < end && u[q] != CharacterClass.newline {
            if u[q] == 0x5B {
                issues.append(SyntaxIssue(kind: .textBeforeFirstSection, range: p..<q))
                return parseHeader(u, bracket: q, lineStart: lineStart)
            }
            if u[q] == 0x3B { break }
            q += 1
        }
        let eol = endOfLine(u, from: q)
        var textEnd = q
        while textEnd > p && CharacterClass.isSpace(u[textEnd - 1]) { textEnd -= 1 }
        issues.append(SyntaxIssue(kind: .textBeforeFirstSection, range: p..<textEnd))
        lines.append(LineNode(kind: .orphanText, start: Int32(offset: lineStart), end: Int32(offset: afterLine(eol)),
                              comment: q < eol ? Int32(offset: q) : -1,
                              contentEnd: Int32(offset: terminatorStart(u, eol: eol, lineStart: lineStart))))
        return afterLine(eol)
    }

    mutating func parseHeader(_ u: UnsafeBufferPointer<UInt16>, bracket: Int, lineStart: Int) -> Int {
        let q = UnitScan.first(u, from: bracket + 1, end: end, 0x0A, 0x5D) // `\n` or `]`
        inSection = true
        var line = LineNode(kind: .sectionHeader, start: Int32(offset: lineStart), end: 0)
        headerCount += 1
        line.openBracket = Int32(offset: bracket)
        line.nameEnd = Int32(offset: q)
        let eol: Int
        if q < end && u[q] == 0x5D {
            line.closeBracket = Int32(offset: q)
            if q - bracket - 1 > SyntaxTree.maxSectionNameLength {
                issues.append(SyntaxIssue(kind: .sectionNameTooLong, range: bracket..<q + 1))
            }
            eol = endOfLine(u, from: q)
            var c = q + 1
            while c < eol && u[c] != 0x3B { c += 1 }
            if c < eol { line.comment = Int32(offset: c) }
        } else {
            line.kind = .badSectionHeader
            eol = q
            var nameEnd = q
            while nameEnd > bracket + 1 && CharacterClass.isSpace(u[nameEnd - 1]) { nameEnd -= 1 }
            issues.append(SyntaxIssue(kind: .missingCloseBracket, range: bracket..<nameEnd))
        }
        line.contentEnd = Int32(offset: terminatorStart(u, eol: eol, lineStart: lineStart))
        line.end = Int32(offset: afterLine(eol))
        lines.append(line)
        return afterLine(eol)
    }

    mutating func parseEntry(_ u: UnsafeBufferPointer<UInt16>, from p: Int, lineStart: Int) -> Int {
        let firstField = fields.count
        if entryLexing != .stateMachine && !hasNUL, let plain = lexFastEntry(u, from: p) {
            lines.append(entryLine(u, lineStart: lineStart, eol: plain.eol, firstField: firstField,
                                   keyField: plain.keyField, equals: plain.equals, comment: plain.comment))
            entryCount += 1
            return afterLine(plain.eol)
        }
        return parseEntryWithStateMachine(u, from: p, lineStart: lineStart)
    }

    /// The plain entry at `p` through the bit-mask lexer where it applies, else the character loop.
    @inline(__always)
    mutating func lexFastEntry(_ u: UnsafeBufferPointer<UInt16>, from p: Int) -> PlainEntry? {
        #if arch(x86_64)
        if entryLexing == .masked && p + 64 <= end, let entry = lexMaskedEntry(u, from: p) { return entry }
        #endif
        return lexPlainEntry(u, from: p)
    }

    /// The node of an entry whose fields from `firstField` on were just appended: the key is
    /// `keyField` when the line has an `=`, else the only field of a one-field line.
    func entryLine(_ u: UnsafeBufferPointer<UInt16>, lineStart: Int, eol: Int, firstField: Int,
                   keyField: Int, equals: Int, comment: Int) -> LineNode {
        var line = LineNode(kind: .entry, start: Int32(offset: lineStart), end: Int32(offset: afterLine(eol)))
        line.keyField = Int32(offset: keyField)
        line.firstField = Int32(offset: keyField >= 0 && equals >= 0 ? keyField + 1 : firstField)
        line.fieldCount = Int32(offset: fields.count) - line.firstField
        if keyField < 0 && line.fieldCount == 1 { line.keyField = line.firstField }
        line.equals = Int32(offset: equals)
        line.comment = Int32(offset: comment)
        line.contentEnd = Int32(offset: terminatorStart(u, eol: eol, lineStart: lineStart))
        return line
    }

    mutating func parseEntryWithStateMachine(_ u: UnsafeBufferPointer<UInt16>, from p: Int, lineStart: Int) -> Int {
        var lexer = EntryLexer(u: u, end: end, hasNUL: hasNUL, firstFieldIndex: fields.count)
        let eol = lexer.lex(from: p, fields: &fields, cooked: &cooked)
        var line = entryLine(u, lineStart: lineStart, eol: eol, firstField: lexer.firstFieldIndex,
                             keyField: lexer.keyField, equals: lexer.equals, comment: lexer.comment)
        line.hasContinuation = lexer.continued
        line.hasUnterminatedQuote = lexer.unterminatedQuote
        if lexer.unterminatedQuote { line.contentEnd = Int32(offset: eol) }
        for i in line.firstField..<line.firstField + line.fieldCount where fields[Int(i)].truncated {
            issues.append(SyntaxIssue(kind: .fieldTooLong, range: fields[Int(i)].range))
        }
        if line.keyField >= 0 && fields[Int(line.keyField)].truncated && line.equals >= 0 {
            issues.append(SyntaxIssue(kind: .fieldTooLong, range: fields[Int(line.keyField)].range))
        }
        if let quote = lexer.unterminatedQuoteAt {
            issues.append(SyntaxIssue(kind: .unterminatedQuote, range: quote..<max(quote + 1, terminatorStart(u, eol: eol, lineStart: lineStart))))
        }
        lines.append(line)
        entryCount += 1
        return afterLine(eol)
    }
}
