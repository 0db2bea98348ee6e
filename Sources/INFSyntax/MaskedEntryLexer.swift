#if arch(x86_64)
import _Builtin_intrinsics.intel

/// The fastest path for plain entry lines: 64 code units at a time are classified with SSE2 into
/// bit masks (one bit per unit), and fields are found with bit operations instead of a branch
/// per character.
///
/// It accepts the same lines as ``lexPlainEntry(_:from:)`` and gives the same nodes, except
/// that it also declines lines with anything but printable ASCII and ASCII blanks outside
/// quotes (a control, an NBSP, a letter beyond ASCII) and lines with a field longer than 64
/// units, which then take the character loop.
extension Parser {
    /// One bit per code unit of the 64 units of a window (a line's first character, or a field's).
    struct LineMasks {
        var newline: UInt64 = 0, blank: UInt64 = 0, plain: UInt64 = 0
        var quote: UInt64 = 0, percent: UInt64 = 0, comma: UInt64 = 0
        var semicolon: UInt64 = 0, equals: UInt64 = 0, backslash: UInt64 = 0

        /// Classifies the four 16-unit chunks from `p`, packed to bytes as ``UnitScan/packed(_:_:)``
        /// does (units above 0xFF are never plain). All four, even past the line's `\n`: stopping
        /// at the chunk that holds it was measured slower (the exit branch is hard to predict).
        @inline(__always)
        init(_ raw: UnsafeRawPointer, from p: Int) {
            // Written out chunk by chunk, so that every shift is a constant.
            add(raw, p, 0); add(raw, p &+ 16, 16); add(raw, p &+ 32, 32); add(raw, p &+ 48, 48)
        }

        /// Ors in the masks of the sixteen units from `offset`, at bit `shift`.
        @inline(__always)
        private mutating func add(_ raw: UnsafeRawPointer, _ offset: Int, _ shift: UInt64) {
            let x = UnitScan.packed(raw, offset)
            let blanks = _mm_or_si128(UnitScan.inRange(x, 0x09, 4), UnitScan.equal(x, 0x20))
            newline |= UnitScan.bits(UnitScan.equal(x, 0x0A)) << shift
            blank |= UnitScan.bits(blanks) << shift
            plain |= UnitScan.bits(_mm_or_si128(UnitScan.inRange(x, 0x21, 0x5D), blanks)) << shift
            quote |= UnitScan.bits(UnitScan.equal(x, 0x22)) << shift
            percent |= UnitScan.bits(UnitScan.equal(x, 0x25)) << shift
            comma |= UnitScan.bits(UnitScan.equal(x, 0x2C)) << shift
            semicolon |= UnitScan.bits(UnitScan.equal(x, 0x3B)) << shift
            equals |= UnitScan.bits(UnitScan.equal(x, 0x3D)) << shift
            backslash |= UnitScan.bits(UnitScan.equal(x, 0x5C)) << shift
        }
    }

    /// Bits `from..<to` (both at most 64).
    @inline(__always)
    static func bitRange(_ from: Int, _ to: Int) -> UInt64 {
        let below: (Int) -> UInt64 = { $0 >= 64 ? ~0 : (1 << UInt64($0)) &- 1 }
        return below(to) & ~below(from)
    }

    @inline(__always)
    static func firstBit(_ mask: UInt64) -> Int { mask.trailingZeroBitCount }

    /// Lexes the entry whose first non-blank character is at `p` with bit masks, or returns nil
    /// (with nothing appended) when the line is not plain.
    ///
    /// The masks cover 64 units. When the line goes on past them, the fields that end within
    /// them are taken and the next window starts at the field after the last separator, so
    /// only a single field longer than a window sends the line to the character loop.
    mutating func lexMaskedEntry(_ u: UnsafeBufferPointer<UInt16>, from p: Int) -> PlainEntry? {
        guard let base = u.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let firstField = fields.count
        var result = PlainEntry(eol: 0, keyField: -1, equals: -1, comment: -1)
        var window = p
        var inKey = true
        while true {
            guard window + 64 <= end else { return abandon(firstField) }
            let m = LineMasks(raw, from: window)
            let newlineAt = Self.firstBit(m.newline)

            // Quote pairs, left to right, until an unquoted `;`, the line end or the window end.
            var quotes = m.quote & Self.bitRange(0, newlineAt)
            var inside: UInt64 = 0, opens: UInt64 = 0
            var from = 0
            var contentEnd = newlineAt
            var limit = 64
            while true {
                let semicolon = Self.firstBit(m.semicolon & Self.bitRange(from, newlineAt))
                let open = Self.firstBit(quotes)
                if semicolon < open { contentEnd = semicolon; break }
                if open == 64 { break }
                quotes &= quotes &- 1
                if quotes == 0 {
                    // Unterminated: at the line end the line is not plain; else the window stops before it.
                    guard newlineAt == 64 else { return abandon(firstField) }
                    limit = open
                    break
                }
                let close = Self.firstBit(quotes)
                quotes &= quotes &- 1
                opens |= 1 << UInt64(open)
                inside |= Self.bitRange(open + 1, close)
                from = close + 1
            }
            let lineEnds = contentEnd < 64
            // What this window can read: the line's content, or up to an unclosed quote.
            let readable = Self.bitRange(0, lineEnds ? contentEnd : limit)
            let scope = readable & ~inside
            var separators = m.comma & scope
            let firstComma = Self.firstBit(separators)
            let firstEquals = inKey ? Self.firstBit(m.equals & scope) : 64
            let hasKey = firstEquals < firstComma
            if !lineEnds {
                // Only fields closed within the window are taken.
                guard separators != 0 || hasKey else { return abandon(firstField) }
            }
            let taken = lineEnds ? contentEnd : max(separators == 0 ? 0 : 63 - separators.leadingZeroBitCount, hasKey ? firstEquals : 0)
            // Outside quotes: only printable ASCII and ASCII blanks, and `\` only between token characters.
            let outside = Self.bitRange(0, taken) & ~inside
            guard m.plain & outside == outside else { return abandon(firstField) }
            let backslashes = m.backslash & outside
            if backslashes != 0 {
                let token = m.plain & ~(m.blank | m.quote | m.comma | m.semicolon | m.equals | m.backslash)
                guard backslashes & ~(token << 1) == 0, backslashes & ~(token >> 1) == 0 else { return abandon(firstField) }
            }

            let nonBlank = ~m.blank & readable
            var fieldStart = 0
            if hasKey {
                guard addMaskedField(window, 0, firstEquals, m, nonBlank: nonBlank, opens: opens) else { return abandon(firstField) }
                result.keyField = fields.count - 1
                result.equals = window + firstEquals
                fieldStart = firstEquals + 1
            }
            if hasKey || firstComma < 64 { inKey = false }
            while separators != 0 {
                let fieldEnd = Self.firstBit(separators)
                separators &= separators &- 1
                guard addMaskedField(window, fieldStart, fieldEnd, m, nonBlank: nonBlank, opens: opens) else { return abandon(firstField) }
                fieldStart = fieldEnd + 1
            }
            guard lineEnds else {
                window += fieldStart
                continue
            }
            guard addMaskedField(window, fieldStart, contentEnd, m, nonBlank: nonBlank, opens: opens) else { return abandon(firstField) }
            if contentEnd == newlineAt {
                result.eol = window + newlineAt
            } else {
                result.comment = window + contentEnd
                result.eol = UnitScan.newline(u, from: window + contentEnd, end: end)
            }
            return result
        }
    }

    /// Appends the field written in window bits `from..<to`: trimmed of blanks, or the text
    /// between its quotes when it is one quoted run; false when it is neither.
    @inline(__always)
    mutating func addMaskedField(_ p: Int, _ from: Int, _ to: Int, _ m: LineMasks, nonBlank: UInt64, opens: UInt64) -> Bool {
        let range = Self.bitRange(from, to)
        let written = nonBlank & range
        guard written != 0 else {
            fields.append(FieldNode(start: Int32(offset: p + to), end: Int32(offset: p + to), valueStart: 0, valueCount: 0,
                                    cooked: false, truncated: false, quoted: false, hasPercent: false))
            return true
        }
        let first = written.trailingZeroBitCount
        let last = 63 - written.leadingZeroBitCount
        let percent = m.percent & range != 0
        let open = opens & range
        if open == 0 {
            fields.append(FieldNode(start: Int32(offset: p + first), end: Int32(offset: p + last + 1), valueStart: Int32(offset: p + first),
                                    valueCount: Int32(offset: last + 1 - first), cooked: false, truncated: false, quoted: false,
                                    hasPercent: percent))
            return true
        }
        // One quoted run: it opens at the first written character, and its closing quote is the last.
        guard open == 1 << UInt64(first), m.quote & (1 << UInt64(last)) != 0, last > first else { return false }
        let count = last - first - 1
        fields.append(FieldNode(start: Int32(offset: p + first), end: Int32(offset: p + last + 1), valueStart: count == 0 ? 0 : Int32(offset: p + first + 1),
                                valueCount: Int32(offset: count), cooked: false, truncated: false, quoted: true, hasPercent: percent))
        return true
    }
}
#endif
