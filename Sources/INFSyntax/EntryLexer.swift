/// SetupAPI's state machine for one logical entry line (`key = a, "b", c \` + continuation).
///
/// States and transitions follow SetupAPI (as documented by Wine's setupapi parser and its tests):
/// a key ends at the first unquoted `=` (a `,` first means there is no key); blanks around
/// fields are trimmed, blanks inside kept; `"` runs are literal with `""` for a quote and end at
/// the line end; `\` followed only by blanks or a comment joins the next line with nothing between;
/// `;` outside quotes starts a comment.
struct EntryLexer {
    enum State { case key, value, backslash, quotes, leadingSpaces, trailingSpaces, comment }

    let u: UnsafeBufferPointer<UInt16>
    let end: Int
    let hasNUL: Bool
    let firstFieldIndex: Int

    // Results
    var keyField = -1
    var equals = -1
    var comment = -1
    var continued = false
    var unterminatedQuote = false
    var unterminatedQuoteAt: Int?

    // Machine
    var state = State.key
    var stack: (State, State, State, State) = (.key, .key, .key, .key)
    var depth = 0
    var start = 0

    // Current token: a slice of the source while it stays contiguous, else copied to `scratch`.
    var tokenLength = 0
    var pieceStart = 0
    var pieceEnd = 0
    var materialized = false
    var truncated = false
    var quoted = false
    var sawPercent = false
    var scratch: [UInt16] = []
    var spanStart = 0
    var spanEnd = 0
    /// A `\` continuation just joined the next line: the field in progress goes on there.
    var joining = false

    /// ASCII characters the key and value states act on: NUL, \t-\r, space, `"`, `,`, `;`, `=`, `\`,
    /// and `%`, which is noted so that only values holding one are substituted.
    static let specialLow: UInt64 = 1 << 0 | 1 << 9 | 1 << 10 | 1 << 11 | 1 << 12 | 1 << 13
        | 1 << 32 | 1 << 34 | 1 << 37 | 1 << 44 | 1 << 59 | 1 << 61
    static let specialHigh: UInt64 = 1 << (0x5C - 64)

    /// True for a character that only extends the current token (never a separator or blank).
    @inline(__always)
    static func isOrdinary(_ c: UInt16) -> Bool {
        if c < 64 { return (specialLow >> UInt64(c)) & 1 == 0 }
        if c < 128 { return (specialHigh >> UInt64(c - 64)) & 1 == 0 }
        return !CharacterClass.isSpace(c)
    }

    init(u: UnsafeBufferPointer<UInt16>, end: Int, hasNUL: Bool, firstFieldIndex: Int) {
        self.u = u; self.end = end; self.hasNUL = hasNUL; self.firstFieldIndex = firstFieldIndex
    }

    @inline(__always) mutating func push(_ s: State) {
        switch depth {
        case 0: stack.0 = s
        case 1: stack.1 = s
        case 2: stack.2 = s
        default: stack.3 = s
        }
        depth = min(depth + 1, 4)
    }

    @inline(__always) mutating func pop() -> State {
        depth = max(depth - 1, 0)
        switch depth {
        case 0: return stack.0
        case 1: return stack.1
        case 2: return stack.2
        default: return stack.3
        }
    }

    /// Appends `start..<pos` to the current token and moves `start` to `pos`.
    @inline(__always) mutating func pushToken(_ pos: Int) {
        var length = pos - start
        if length > 0 {
            if tokenLength + length > SyntaxTree.maxFieldLength {
                length = SyntaxTree.maxFieldLength - tokenLength
                truncated = true
            }
            if length > 0 {
                if !materialized && !hasNUL && (tokenLength == 0 || start == pieceEnd) {
                    if tokenLength == 0 { pieceStart = start }
                    pieceEnd = start + length
                } else {
                    if !materialized {
                        scratch.removeAll(keepingCapacity: true)
                        if tokenLength > 0 { scratch.append(contentsOf: u[pieceStart..<pieceEnd]) }
                        materialized = true
                    }
                    for i in start..<start + length { scratch.append(u[i] == 0 ? 0x20 : u[i]) }
                }
                tokenLength += length
            }
        }
        start = pos
    }

    mutating func addField(_ fields: inout NodeBuffer<FieldNode>, _ cooked: inout [UInt16], isKey: Bool) {
        var node = FieldNode(start: Int32(offset: spanStart), end: Int32(offset: max(spanStart, spanEnd)),
                             valueStart: 0, valueCount: Int32(offset: tokenLength), cooked: false,
                             truncated: truncated, quoted: quoted, hasPercent: sawPercent)
        if materialized {
            node.cooked = true
            node.valueStart = Int32(offset: cooked.count)
            cooked.append(contentsOf: scratch)
        } else if tokenLength > 0 {
            node.valueStart = Int32(offset: pieceStart)
        }
        if isKey { keyField = fields.count }
        fields.append(node)
        tokenLength = 0; materialized = false; truncated = false; quoted = false; sawPercent = false
    }

    @inline(__always)
    func skipBlanks(from p: Int) -> Int { CharacterClass.skipBlanks(u, from: p, end: end) }

    /// Lexes from the first character of the entry; returns the offset of the `\n` (or end) that ends it.
    mutating func lex(from p: Int, fields: inout NodeBuffer<FieldNode>, cooked: inout [UInt16]) -> Int {
        start = p; spanStart = p; spanEnd = p
        var pos = p
        while true {
            switch state {
            case .key, .value:
                let inKey = state == .key
                var tokenEnd = start
                var q = pos
                var next: State? = nil
                scan: while q < end {
                    let c = u[q]
                    if EntryLexer.isOrdinary(c) {
                        // The common case: a run of characters with no meaning to the state machine.
                        var r = q + 1
                        while r < end && EntryLexer.isOrdinary(u[r]) { r += 1 }
                        tokenEnd = r; spanEnd = r; q = r
                        continue
                    }
                    switch c {
                    case 0x0A:
                        break scan
                    case 0x2C where inKey: // `,` before any `=`: the line has no key
                        break scan
                    case 0x2C: // ,
                        pushToken(tokenEnd); addField(&fields, &cooked, isKey: false)
                        // Leading blanks of the next field, inline unless a `\` follows them.
                        let r = skipBlanks(from: q + 1)
                        if r < end && u[r] == 0x5C {
                            start = q + 1; push(.value); next = .leadingSpaces; pos = q + 1
                            break scan
                        }
                        start = r; spanStart = r; spanEnd = r; tokenEnd = r; q = r
                        continue scan
                    case 0x3D where inKey: // =
                        pushToken(tokenEnd); addField(&fields, &cooked, isKey: true)
                        equals = q
                        start = q + 1; push(.value); next = .leadingSpaces; pos = q + 1
                        break scan
                    case 0x3B: // ;
                        pushToken(tokenEnd); addField(&fields, &cooked, isKey: false)
                        comment = q
                        var e = q
                        while e < end && u[e] != 0x0A { e += 1 }
                        return e
                    case 0x22: // "
                        pushToken(q); quoted = true; spanEnd = q + 1
                        start = q + 1; push(state); next = .quotes; pos = q + 1
                        break scan
                    case 0x25: // %
                        sawPercent = true
                        tokenEnd = q + 1; spanEnd = q + 1
                    case 0x5C: // \
                        pushToken(tokenEnd)
                        start = q; push(state); next = .backslash; pos = q
                        break scan
                    default:
                        if !CharacterClass.isSpace(c) {
                            tokenEnd = q + 1; spanEnd = q + 1
                        } else {
                            // Blanks inside or after a token, inline unless a `\` follows them.
                            let r = skipBlanks(from: q)
                            pushToken(q)
                            if r < end && u[r] == 0x5C {
                                push(state); next = .trailingSpaces; pos = q
                                break scan
                            }
                            tokenEnd = q; q = r
                            continue scan
                        }
                    }
                    q += 1
                }
                if let next { state = next; continue }
                // The line ends here (or a `,` ended a keyless first field).
                pushToken(tokenEnd)
                if inKey { state = .value; pos = q; continue }
                addField(&fields, &cooked, isKey: false)
                return q

            case .backslash:
                var q = pos
                var lastBackslashEnd = pos
                while q < end {
                    let c = u[q]
                    if c == 0x0A {
                        continued = true; joining = true
                        start = q + 1; state = .leadingSpaces; pos = q + 1
                        break
                    }
                    if c == 0x5C { lastBackslashEnd = q + 1; q += 1; continue }
                    if c == 0x3B { push(.backslash); state = .comment; pos = q + 1; break }
                    if CharacterClass.isSpace(c) { q += 1; continue }
                    pushToken(q); spanEnd = max(spanEnd, lastBackslashEnd)
                    state = pop(); pos = q
                    break
                }
                if q >= end { start = q; state = pop(); pos = q }

            case .quotes:
                var q = pos
                var closed = false
                while q < end && u[q] != 0x0A {
                    if u[q] == 0x25 { sawPercent = true }
                    if u[q] == 0x22 {
                        if q + 1 < u.count && u[q + 1] == 0x22 {
                            pushToken(q + 1); start = q + 2; q += 2
                            continue
                        }
                        pushToken(q); start = q + 1; spanEnd = q + 1
                        state = pop(); pos = q + 1; closed = true
                        break
                    }
                    q += 1
                }
                if !closed {
                    pushToken(q); spanEnd = q
                    if !unterminatedQuote { unterminatedQuote = true; unterminatedQuoteAt = lastQuote(before: q) }
                    state = pop(); pos = q
                }

            case .leadingSpaces:
                var q = pos
                var toBackslash = false
                // A new field starts here, unless a continuation joined a field that has begun.
                let startsField = !joining || spanEnd <= spanStart
                joining = false
                while q < end && u[q] != 0x0A {
                    // A `\` the field may start with (when it is not a continuation, the field starts there).
                    if u[q] == 0x5C {
                        start = q; state = .backslash; pos = q; toBackslash = true
                        if startsField { spanStart = q; spanEnd = q }
                        break
                    }
                    if !CharacterClass.isSpace(u[q]) { break }
                    q += 1
                }
                if !toBackslash {
                    start = q
                    if startsField { spanStart = q; spanEnd = q }
                    state = pop(); pos = q
                }

            case .trailingSpaces:
                var q = pos
                var toBackslash = false
                while q < end && u[q] != 0x0A {
                    if u[q] == 0x5C { state = .backslash; pos = q; toBackslash = true; break }
                    if !CharacterClass.isSpace(u[q]) { break }
                    q += 1
                }
                if !toBackslash { state = pop(); pos = q }

            case .comment:
                var q = pos
                while q < end && u[q] != 0x0A { q += 1 }
                state = pop(); pos = q
            }
        }
    }

    /// The opening quote of the run left open at `q` (for diagnostics).
    func lastQuote(before q: Int) -> Int {
        var i = q - 1
        while i > 0 && u[i] != 0x22 { i -= 1 }
        return max(i, 0)
    }
}
