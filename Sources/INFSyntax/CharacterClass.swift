/// Character tests with SetupAPI's meaning.
enum CharacterClass {
    static let newline: UInt16 = 0x0A
    static let controlZ: UInt16 = 0x1A

    /// `isspaceW`, plus NUL, which Windows reads as a blank.
    @inline(__always)
    static func isSpace(_ u: UInt16) -> Bool {
        if u <= 0x20 { return u == 0x20 || (u >= 0x09 && u <= 0x0D) || u == 0 }
        if u < 0x85 { return false }
        return u == 0x85 || u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200A)
            || u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000
    }

    /// The first offset from `p` (before `end`) that is not a blank; a line end stops the scan.
    @inline(__always)
    static func skipBlanks(_ u: UnsafeBufferPointer<UInt16>, from p: Int, end: Int) -> Int {
        var r = p
        while r < end && u[r] != newline && isSpace(u[r]) { r += 1 }
        return r
    }
}

extension UInt16 {
    /// The code unit with ASCII `A`–`Z` made lowercase; every other unit as it is. (SetupAPI and
    /// drvkit compare names with ASCII case folded; other characters fold through `lowercased()`.)
    @inlinable package var asciiLowercased: UInt16 { self &- 0x41 < 26 ? self | 0x20 : self }
}
