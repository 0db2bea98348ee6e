import Foundation

extension String {
    /// The text without leading and trailing white space, exactly as
    /// `trimmingCharacters(in: .whitespaces)` gives it (tab and the Unicode space separators).
    ///
    /// When both ends stop at an ASCII character, the trimmed bytes are found directly; only text
    /// whose ends touch characters beyond ASCII goes through Foundation, where the call builds an
    /// `NSString` (it was the most frequent string operation of `drvkit lint`).
    public func trimmingWhitespace() -> String { WhitespaceTrimming.trim(self) }
}

extension Substring {
    /// The text without leading and trailing white space (see ``Swift/String/trimmingWhitespace()``).
    public func trimmingWhitespace() -> String { WhitespaceTrimming.trim(self) }
}

enum WhitespaceTrimming {
    static func trim<S: StringProtocol>(_ text: S) -> String where S.UTF8View: BidirectionalCollection {
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while start < end {
            let last = bytes.index(before: end)
            guard bytes[last] == 0x20 || bytes[last] == 0x09 else { break }
            end = last
        }
        // A character beyond ASCII at either end may be a space separator (NBSP, U+3000, ...).
        if start < end && (bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80) {
            return text.trimmingCharacters(in: .whitespaces)
        }
        if start == bytes.startIndex && end == bytes.endIndex { return String(text) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
