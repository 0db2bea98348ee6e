import Foundation

/// Device identifiers (hardware, compatible and instance IDs) compare case-insensitively.
public enum DeviceID {
    /// The form IDs are indexed and compared in.
    public static func fold(_ id: String) -> String { id.trimmingCharacters(in: .whitespaces).uppercased() }
}
