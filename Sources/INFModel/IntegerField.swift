import Foundation

/// Numbers in INF fields, read as SetupAPI reads them (`SetupGetIntField`: C `strtol` with base 0,
/// so `0x1F` is hex, a leading `0` is octal, an empty field is 0).
public enum IntegerField {
    /// The value as a 32-bit pattern (negative decimals wrap), or nil when the text is not a number.
    public static func parse(_ text: String) -> UInt32? {
        var s = Substring(text.trimmingWhitespace())
        if s.isEmpty { return 0 }
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        var radix = 10
        if s.count > 2, s.lowercased().hasPrefix("0x") { radix = 16; s = s.dropFirst(2) }
        else if s.count > 1, s.first == "0" { radix = 8; s = s.dropFirst() }
        guard !s.isEmpty, let magnitude = UInt64(s, radix: radix), magnitude <= UInt64(UInt32.max) else { return nil }
        let value = UInt32(magnitude)
        return negative ? 0 &- value : value
    }
}
