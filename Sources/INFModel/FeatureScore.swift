/// `FeatureScore = featurescore` in a DDInstall section: one byte, in hexadecimal with or without
/// `0x` (Microsoft's display INFs write `FeatureScore=F6`, the directive's page `0x00`–`0xFF`).
/// A lower score ranks better. Windows reads only the first FeatureScore line, and only directly
/// in the DDInstall section.
public enum FeatureScore {
    /// The score of a driver whose DDInstall section sets none.
    public static let absent: UInt8 = 0xFF

    /// The score `text` gives, or nil when it is not one hexadecimal byte (`00`–`FF`, `0x` optional).
    public static func parse(_ text: String) -> UInt8? {
        var digits = Substring(text.trimmingWhitespace())
        if digits.count > 2, digits.lowercased().hasPrefix("0x") { digits = digits.dropFirst(2) }
        let isHex: (UInt8) -> Bool = { (0x30...0x39).contains($0) || (0x41...0x46).contains($0 & 0xDF) }
        guard !digits.isEmpty, digits.utf8.allSatisfy(isHex), let value = UInt64(digits, radix: 16), value <= 0xFF else { return nil }
        return UInt8(value)
    }
}

extension INFDocument {
    /// The FeatureScore line Windows reads for `install` (the first in its DDInstall section), or nil.
    public func featureScoreLine(of install: DDInstall) -> INFLine? {
        firstLine(in: install.sectionName, key: "FeatureScore")
    }
}
