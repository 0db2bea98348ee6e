/// Vector scans over UTF-16 text, eight code units at a time, for the parser's long runs:
/// comments (to the line end) and tokens of ordinary ASCII characters.
enum UnitScan {
    /// The first offset in `from..<end` holding a `\n`, or `end`.
    @inline(__always)
    static func newline(_ u: UnsafeBufferPointer<UInt16>, from: Int, end: Int) -> Int {
        var i = from
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            let newline = SIMD8<UInt16>(repeating: 0x0A)
            while i + 8 <= end {
                let v = raw.loadUnaligned(fromByteOffset: i &* 2, as: SIMD8<UInt16>.self)
                if any(v .== newline) { break }
                i &+= 8
            }
        }
        while i < end && u[i] != 0x0A { i &+= 1 }
        return i
    }

    /// Skips whole blocks of eight characters that are all printable ASCII with no meaning to the
    /// entry state machine (not `"`, `%`, `,`, `;`, `=`, `\`); the caller finishes the run one by one.
    @inline(__always)
    static func ordinaryASCIIBlocks(_ u: UnsafeBufferPointer<UInt16>, from: Int, end: Int) -> Int {
        var i = from
        guard let base = u.baseAddress else { return i }
        let raw = UnsafeRawPointer(base)
        let low = SIMD8<UInt16>(repeating: 0x21), width = SIMD8<UInt16>(repeating: 0x7F - 0x21)
        while i + 8 <= end {
            let v = raw.loadUnaligned(fromByteOffset: i &* 2, as: SIMD8<UInt16>.self)
            var special = (v &- low) .> width
            special .|= v .== SIMD8(repeating: 0x22)
            special .|= v .== SIMD8(repeating: 0x25)
            special .|= v .== SIMD8(repeating: 0x2C)
            special .|= v .== SIMD8(repeating: 0x3B)
            special .|= v .== SIMD8(repeating: 0x3D)
            special .|= v .== SIMD8(repeating: 0x5C)
            if any(special) { break }
            i &+= 8
        }
        return i
    }
}
