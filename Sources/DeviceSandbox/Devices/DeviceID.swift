import Foundation

/// Device identifiers (hardware, compatible and instance IDs) compare case-insensitively.
public enum DeviceID {
    /// The form IDs are indexed and compared in.
    public static func fold(_ id: String) -> String { id.trimmingWhitespace().uppercased() }
}

/// `0007`: the four-digit numbers of driver keys and instance IDs.
func fourDigits(_ n: Int) -> String {
    let digits = String(n)
    return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
}
