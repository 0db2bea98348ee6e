/// A vector scan over UTF-16 text, eight code units at a time, for the parser's longest runs:
/// comments, which run to the line end.
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
}
