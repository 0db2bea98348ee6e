import INFSyntax

/// Why `SetupOpenInfFile(..., INF_STYLE_WIN4, &errorLine)` would refuse a file.
public struct SetupAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The Win32 error code SetupAPI sets.
    public var code: UInt32
    /// The 1-based line SetupAPI reports (0 for ERROR_WRONG_INF_STYLE).
    public var line: Int
    /// Where in the file the problem is, when there is a place to point at.
    public var range: Range<Int>?

    public static let expectedSectionName: UInt32 = 0xE000_0000
    public static let badSectionNameLine: UInt32 = 0xE000_0001
    public static let sectionNameTooLong: UInt32 = 0xE000_0002
    public static let wrongInfStyle: UInt32 = 0xE000_0100

    /// The symbolic name of the code, as in `setupapi.h`.
    public var name: String {
        switch code {
        case Self.expectedSectionName: return "ERROR_EXPECTED_SECTION_NAME"
        case Self.badSectionNameLine: return "ERROR_BAD_SECTION_NAME_LINE"
        case Self.sectionNameTooLong: return "ERROR_SECTION_NAME_TOO_LONG"
        case Self.wrongInfStyle: return "ERROR_WRONG_INF_STYLE"
        default: return "0x" + String(code, radix: 16, uppercase: true)
        }
    }

    public var description: String {
        switch code {
        case Self.expectedSectionName: return "text before the first section (and no [Strings] section) (\(name))"
        case Self.badSectionNameLine: return "section header without a closing ']' (\(name))"
        case Self.sectionNameTooLong: return "section name longer than 255 characters (\(name))"
        case Self.wrongInfStyle: return "no [Version] Signature of \"$Windows NT$\", \"$Chicago$\" or \"$Windows 95$\" (\(name))"
        default: return name
        }
    }
}
