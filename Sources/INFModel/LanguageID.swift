/// A Windows LANGID (`0409` en-US, `0407` de-DE), which selects `[Strings.LLLL]`.
public struct LanguageID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    /// Parses four hex digits such as `0409`.
    public init?(_ text: String) {
        guard !text.isEmpty, text.count <= 4, let v = UInt16(text, radix: 16) else { return nil }
        rawValue = v
    }
    public static let englishUS = LanguageID(0x0409)
    /// The primary language (`0007` for `0407`).
    public var primary: LanguageID { LanguageID(rawValue & 0x3FF) }
    /// The four-digit form used in section names.
    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
