/// The fast path for the common entry line: no continuation, no NUL, no field longer than SetupAPI
/// keeps, quotes only around a whole field (`"text"`, no `""` inside), and backslashes only between
/// two ordinary characters (`PCI\VEN_1234`).
///
/// On such a line every step of ``EntryLexer``'s state machine reduces to "split at the first
/// unquoted `=` (when it comes before any `,`) and at every `,`, trim blanks, stop at `;` or the
/// line end", and each value is a slice of the source. Anything else makes ``lexPlainEntry(_:from:)``
/// undo what it appended and return nil, and the line goes through ``EntryLexer``, which handles
/// every case; the two give the same nodes on the lines the fast path accepts (tests compare them).
extension Parser {
    /// What the fast path found on a line.
    ///
    /// Held in 32 bits, so that an optional one is returned in registers: with four full words
    /// it went through memory, and reading it back stalled on the stores just made.
    struct PlainEntry {
        private var storage: (eol: Int32, keyField: Int32, equals: Int32, comment: Int32)
        var eol: Int { get { Int(storage.eol) } set { storage.eol = Int32(offset: newValue) } }
        var keyField: Int { get { Int(storage.keyField) } set { storage.keyField = Int32(offset: newValue) } }
        var equals: Int { get { Int(storage.equals) } set { storage.equals = Int32(offset: newValue) } }
        var comment: Int { get { Int(storage.comment) } set { storage.comment = Int32(offset: newValue) } }

        init(eol: Int, keyField: Int, equals: Int, comment: Int) {
            storage = (Int32(offset: eol), Int32(offset: keyField), Int32(offset: equals), Int32(offset: comment))
        }
    }

    /// Lexes the entry starting at `p` (its first non-blank character), or returns nil (with
    /// nothing appended) when the line needs the full state machine.
    @inline(__always)
    mutating func lexPlainEntry(_ u: UnsafeBufferPointer<UInt16>, from p: Int) -> PlainEntry? {
        let firstField = fields.count
        var result = PlainEntry(eol: end, keyField: -1, equals: -1, comment: -1)
        var inKey = true
        var spanStart = p, spanEnd = p
        var percent = false
        var quotedValue: Range<Int>? = nil
        var q = p
        scan: while true {
            let next = specials.next(u, from: q, end: end)
            if next != q { spanEnd = next; q = next }
            if q >= end { break }
            let c = u[q]
            switch c {
            case 0x0A:
                result.eol = q
                break scan
            case 0x25: // %
                percent = true
                q += 1; spanEnd = q
            case 0x5C: // \ is literal between two ordinary characters; anything else may be a continuation
                guard q > spanStart, Self.isTokenCharacter(u[q - 1]), q + 1 < end, Self.isTokenCharacter(u[q + 1]) else {
                    return abandon(firstField)
                }
                q += 1; spanEnd = q
            case 0x3D where inKey: // =
                guard addPlainField(spanStart, spanEnd, percent, quotedValue) else { return abandon(firstField) }
                result.keyField = fields.count - 1
                result.equals = q
                inKey = false
                q = CharacterClass.skipBlanks(u, from: q + 1, end: end)
                spanStart = q; spanEnd = q; percent = false; quotedValue = nil
            case 0x3D: // = in a value is an ordinary character
                q += 1; spanEnd = q
            case 0x2C: // , (before any `=`: the line has no key)
                inKey = false
                guard addPlainField(spanStart, spanEnd, percent, quotedValue) else { return abandon(firstField) }
                q = CharacterClass.skipBlanks(u, from: q + 1, end: end)
                spanStart = q; spanEnd = q; percent = false; quotedValue = nil
            case 0x3B: // ;
                result.comment = q
                result.eol = UnitScan.newline(u, from: q, end: end)
                break scan
            case 0x22: // "
                // A field that is one quoted run: its value is the text between the quotes.
                guard q == spanStart else { return abandon(firstField) }
                var r = specials.next(u, from: q + 1, end: end)
                while r < end && u[r] != 0x22 && u[r] != 0x0A {
                    if u[r] == 0x25 { percent = true }
                    r = specials.next(u, from: r + 1, end: end)
                }
                guard r < end && u[r] == 0x22, !(r + 1 < end && u[r + 1] == 0x22) else { return abandon(firstField) }
                let after = CharacterClass.skipBlanks(u, from: r + 1, end: end)
                if after < end {
                    let next = u[after]
                    guard next == 0x0A || next == 0x2C || next == 0x3B || (next == 0x3D && inKey) else { return abandon(firstField) }
                }
                quotedValue = q + 1..<r
                spanEnd = r + 1; q = after
            case 0: // NULs need the state machine
                return abandon(firstField)
            default: // a blank (kept inside a field, trimmed at its end), or an ordinary character
                q += 1
                if EntryLexer.isOrdinary(c) { spanEnd = q }
            }
        }
        guard addPlainField(spanStart, spanEnd, percent, quotedValue) else { return abandon(firstField) }
        return result
    }

    /// Characters that extend a token without meaning anything to the state machine (`%` included).
    @inline(__always)
    static func isTokenCharacter(_ c: UInt16) -> Bool { c == 0x25 || EntryLexer.isOrdinary(c) }

    /// Appends a field written at `start..<end` whose value is that text, or `quoted` (the text
    /// between its quotes); false when the value is too long for the fast path.
    @inline(__always)
    mutating func addPlainField(_ start: Int, _ end: Int, _ percent: Bool, _ quoted: Range<Int>?) -> Bool {
        let value = quoted ?? start..<end
        guard value.count <= SyntaxTree.maxFieldLength else { return false }
        fields.append(FieldNode(start: Int32(offset: start), end: Int32(offset: end), valueStart: value.isEmpty ? 0 : Int32(offset: value.lowerBound),
                                valueCount: Int32(offset: value.count), cooked: false, truncated: false, quoted: quoted != nil,
                                hasPercent: percent))
        return true
    }

    @inline(__always)
    mutating func abandon(_ firstField: Int) -> PlainEntry? {
        if fields.count > firstField { fields.removeLast(fields.count - firstField) }
        return nil
    }
}
