#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Vector scans over UTF-16 text for the parser's hot loops, sixteen code units at a time with
/// SSE2 on x86-64 (a scalar loop elsewhere).
///
/// Sixteen units are packed into sixteen bytes with unsigned saturation (units above 0xFF become
/// 0xFF, or 0 from 0x8000 on), so every test below compares bytes and never mistakes a unit
/// beyond Latin-1 for ASCII. Swift's portable `SIMD` types were measured first: their comparisons
/// and mask reductions were lowered lane by lane here, slower than the scalar loop, so the x86-64
/// path calls the SSE2 intrinsics directly.
package enum UnitScan {
    /// The first offset in `from..<end` holding a `\n`, or `end`.
    @inline(__always)
    static func newline(_ u: UnsafeBufferPointer<UInt16>, from: Int, end: Int) -> Int {
        first(u, from: from, end: end, 0x0A, 0x0A)
    }

    /// The first offset in `from..<end` of a `%` (for `%strkey%` substitution in INFModel), or `end`.
    package static func percent(_ u: UnsafeBufferPointer<UInt16>, from: Int, end: Int) -> Int {
        first(u, from: from, end: end, 0x25, 0x25)
    }

    /// The first offset in `from..<end` holding the ASCII character `a` or `b`, or `end`.
    @inline(__always)
    static func first(_ u: UnsafeBufferPointer<UInt16>, from: Int, end: Int, _ a: UInt8, _ b: UInt8) -> Int {
        var i = from
        #if arch(x86_64)
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i &+ 16 <= end {
                let x = packed(raw, i)
                let mask = bits(_mm_or_si128(equal(x, CChar(bitPattern: a)), equal(x, CChar(bitPattern: b))))
                if mask != 0 { return i &+ mask.trailingZeroBitCount }
                i &+= 16
            }
        }
        #endif
        while i < end && u[i] != UInt16(a) && u[i] != UInt16(b) { i &+= 1 }
        return i
    }

    /// Whether any code unit is NUL or Ctrl-Z (eight units a step with SSE2).
    static func containsNULOrControlZ(_ u: UnsafeBufferPointer<UInt16>) -> Bool {
        var i = 0
        #if arch(x86_64)
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            let zero = _mm_setzero_si128(), controlZ = _mm_set1_epi16(0x1A)
            var found = zero
            while i &+ 8 <= u.count {
                let v = _mm_loadu_si128((raw + i &* 2).assumingMemoryBound(to: __m128i.self))
                found = _mm_or_si128(found, _mm_or_si128(_mm_cmpeq_epi16(v, zero), _mm_cmpeq_epi16(v, controlZ)))
                i &+= 8
            }
            if _mm_movemask_epi8(found) != 0 { return true }
        }
        #endif
        while i < u.count {
            if u[i] == 0 || u[i] == CharacterClass.controlZ { return true }
            i &+= 1
        }
        return false
    }

    #if arch(x86_64)
    /// The sixteen code units from `offset` (unaligned), packed to bytes with saturation.
    @inline(__always)
    static func packed(_ raw: UnsafeRawPointer, _ offset: Int) -> __m128i {
        let low = _mm_loadu_si128((raw + offset &* 2).assumingMemoryBound(to: __m128i.self))
        let high = _mm_loadu_si128((raw + (offset &+ 8) &* 2).assumingMemoryBound(to: __m128i.self))
        return _mm_packus_epi16(low, high)
    }

    /// All ones in each byte equal to `c`.
    @inline(__always)
    static func equal(_ x: __m128i, _ c: CChar) -> __m128i { _mm_cmpeq_epi8(x, _mm_set1_epi8(c)) }

    /// All ones in each byte holding `low...low + width` (unsigned).
    @inline(__always)
    static func inRange(_ x: __m128i, _ low: CChar, _ width: CChar) -> __m128i {
        _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8(low)), _mm_set1_epi8(width)), _mm_setzero_si128())
    }

    /// One bit per byte of a comparison result, in the low 16 bits.
    @inline(__always)
    static func bits(_ lanes: __m128i) -> UInt64 { UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(lanes))) }

    /// All ones in each byte holding a character that may mean something to the entry lexer:
    /// anything up to the space, `"` to `%`, `,`, `;` to `=`, `\`, and everything past ASCII.
    /// `#`, `$`, `<`, non-blank controls and non-ASCII letters come out too; callers re-check them.
    @inline(__always)
    static func mayBeSpecial(_ x: __m128i) -> __m128i {
        let notPrintable = _mm_xor_si128(inRange(x, 0x21, 0x5E), _mm_cmpeq_epi8(x, x))
        let punctuation = _mm_or_si128(_mm_or_si128(inRange(x, 0x22, 3), inRange(x, 0x3B, 2)),
                                       _mm_or_si128(equal(x, 0x2C), equal(x, 0x5C)))
        return _mm_or_si128(notPrintable, punctuation)
    }
    #endif
}

/// Finds, from a position, the next code unit the entry lexer has to look at, so that runs of
/// ordinary characters are skipped without a branch per character.
///
/// The answer may stop early (at `#`, `$`, `<`, a control or a non-ASCII letter): everything
/// before it is ordinary, and the caller re-checks the unit it stops at with
/// ``EntryLexer/isOrdinary(_:)``. On x86-64 it keeps a bit mask of 64 units and moves forward
/// with the positions it is asked about.
struct SpecialUnitScanner {
    private var blockStart = Int.min / 2
    private var bits: UInt64 = 0

    /// The first offset in `q..<end` that may hold a special character, or `end`.
    @inline(__always)
    mutating func next(_ u: UnsafeBufferPointer<UInt16>, from q: Int, end: Int) -> Int {
        #if arch(x86_64)
        let offset = q &- blockStart
        if offset >= 0 && offset < 64 {
            let m = bits >> UInt64(offset)
            if m != 0 { return q &+ m.trailingZeroBitCount }
            return refill(u, from: blockStart &+ 64, end: end)
        }
        return refill(u, from: q, end: end)
        #else
        var r = q
        while r < end && EntryLexer.isOrdinary(u[r]) { r &+= 1 }
        return r
        #endif
    }

    #if arch(x86_64)
    /// Computes masks from `start` until one has a special unit; returns its offset, or `end`.
    private mutating func refill(_ u: UnsafeBufferPointer<UInt16>, from start: Int, end: Int) -> Int {
        guard let base = u.baseAddress else { return end }
        let raw = UnsafeRawPointer(base)
        var b = start
        while b < end {
            blockStart = b
            if b &+ 64 <= end {
                var m: UInt64 = 0
                for k in stride(from: 0, to: 64, by: 16) {
                    m |= UnitScan.bits(UnitScan.mayBeSpecial(UnitScan.packed(raw, b &+ k))) << UInt64(k)
                }
                bits = m
            } else {
                // The last block: units past `end` count as special, so the scan stops at `end`.
                var m: UInt64 = ~0 << UInt64(end &- b)
                for i in b..<end where !EntryLexer.isOrdinary(u[i]) { m |= 1 << UInt64(i &- b) }
                bits = m
            }
            if bits != 0 { return min(b &+ bits.trailingZeroBitCount, end) }
            b &+= 64
        }
        return end
    }
    #endif
}

/// What one pass over a file's bytes tells the decoder: whether it holds a NUL, a Ctrl-Z, or a
/// byte above 0x7F (SSE2 on x86-64, sixteen bytes a step), and how many `\n`, `,` and `=` bytes
/// it holds, which bound the parser's nodes (see ``NodeBounds``).
struct ByteSummary {
    var hasNUL = false
    var hasControlZ = false
    var hasHighBit = false
    /// Bytes equal to `\n`, `,` and `=`: in every encoding read here, at least as many as the
    /// code units of those characters (a unit of one is a byte of it, in UTF-16 its low byte).
    var separators = NodeBounds.Separators()

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        #if arch(x86_64)
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var any = _mm_setzero_si128(), nul = _mm_setzero_si128(), controlZ = _mm_setzero_si128()
            let zero = _mm_setzero_si128(), z = _mm_set1_epi8(0x1A)
            let newline = _mm_set1_epi8(0x0A), comma = _mm_set1_epi8(0x2C), equals = _mm_set1_epi8(0x3D)
            while i &+ 16 <= bytes.count {
                // Per-byte counters (a match is -1, so subtracting counts it), summed before they can wrap.
                var newlines = zero, commas = zero, equalSigns = zero
                let stop = min(bytes.count, i &+ 255 &* 16)
                while i &+ 16 <= stop {
                    let v = _mm_loadu_si128((raw + i).assumingMemoryBound(to: __m128i.self))
                    any = _mm_or_si128(any, v)
                    nul = _mm_or_si128(nul, _mm_cmpeq_epi8(v, zero))
                    controlZ = _mm_or_si128(controlZ, _mm_cmpeq_epi8(v, z))
                    newlines = _mm_sub_epi8(newlines, _mm_cmpeq_epi8(v, newline))
                    commas = _mm_sub_epi8(commas, _mm_cmpeq_epi8(v, comma))
                    equalSigns = _mm_sub_epi8(equalSigns, _mm_cmpeq_epi8(v, equals))
                    i &+= 16
                }
                separators.newlines &+= Self.sum(newlines)
                separators.commas &+= Self.sum(commas)
                separators.equals &+= Self.sum(equalSigns)
            }
            hasHighBit = _mm_movemask_epi8(any) != 0
            hasNUL = _mm_movemask_epi8(nul) != 0
            hasControlZ = _mm_movemask_epi8(controlZ) != 0
        }
        #endif
        while i < bytes.count {
            let b = bytes[i]
            hasHighBit = hasHighBit || b >= 0x80
            hasNUL = hasNUL || b == 0
            hasControlZ = hasControlZ || b == 0x1A
            separators.count(UInt16(b))
            i &+= 1
        }
    }

    #if arch(x86_64)
    /// The sum of the sixteen byte counters.
    @inline(__always)
    static func sum(_ counters: __m128i) -> Int {
        let halves = _mm_sad_epu8(counters, _mm_setzero_si128())
        return Int(_mm_cvtsi128_si64(halves)) &+ Int(_mm_cvtsi128_si64(_mm_unpackhi_epi64(halves, halves)))
    }
    #endif
}
