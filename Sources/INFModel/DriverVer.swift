import Foundation

/// `DriverVer = mm/dd/yyyy[,w.x.y.z]`: the date and version Windows ranks drivers by.
public struct DriverVer: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var month: Int
    public var day: Int
    public var year: Int
    /// The four version parts (missing parts read as 0), nil when no version is given.
    public var version: [UInt16]?
    /// How many version parts were written (Windows expects four).
    public var versionPartCount: Int

    public init(month: Int, day: Int, year: Int, version: [UInt16]?, versionPartCount: Int) {
        self.month = month; self.day = day; self.year = year; self.version = version; self.versionPartCount = versionPartCount
    }

    /// Why a DriverVer value does not parse.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
        /// True when the date is right and the version is not.
        public var inVersion = false
    }

    /// Parses the date field and the optional version field.
    public static func parse(date: String, version: String?) -> Result<DriverVer, ParseError> {
        let dateParts = date.trimmingWhitespace().split(separator: "/", omittingEmptySubsequences: false)
        guard dateParts.count == 3,
              dateParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let month = Int(dateParts[0]), let day = Int(dateParts[1]), let year = Int(dateParts[2]),
              dateParts[0].count <= 2, dateParts[1].count <= 2, dateParts[2].count == 4
        else { return .failure(ParseError(description: "date '\(date)' is not mm/dd/yyyy")) }
        guard (1...12).contains(month) else { return .failure(ParseError(description: "month \(month) is not 1 to 12")) }
        let daysInMonth = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...daysInMonth).contains(day) else {
            return .failure(ParseError(description: "day \(day) does not exist in month \(month) of \(year)"))
        }
        var result = DriverVer(month: month, day: day, year: year, version: nil, versionPartCount: 0)
        if let version, case let trimmed = version.trimmingWhitespace(), !trimmed.isEmpty {
            let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 4 else { return .failure(ParseError(description: "version '\(version)' has more than four parts", inVersion: true)) }
            var numbers: [UInt16] = []
            for part in parts {
                guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else {
                    return .failure(ParseError(description: "version '\(version)' is not w.x.y.z with decimal numbers", inVersion: true))
                }
                guard n <= 65535 else { return .failure(ParseError(description: "version part \(n) is above 65535", inVersion: true)) }
                numbers.append(UInt16(n))
            }
            result.versionPartCount = numbers.count
            result.version = numbers + Array(repeating: 0, count: 4 - numbers.count)
        }
        return .success(result)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// `yyyy-mm-dd`.
    public var isoDate: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// `w.x.y.z`, or nil without a version.
    public var versionString: String? { version?.map(String.init).joined(separator: ".") }

    public var description: String {
        String(format: "%02d/%02d/%04d", month, day, year) + (versionString.map { ",\($0)" } ?? "")
    }

    /// Windows' ranking order: newer date first decides, then higher version.
    public static func < (a: DriverVer, b: DriverVer) -> Bool {
        if (a.year, a.month, a.day) != (b.year, b.month, b.day) { return (a.year, a.month, a.day) < (b.year, b.month, b.day) }
        return (a.version ?? [0, 0, 0, 0]).lexicographicallyPrecedes(b.version ?? [0, 0, 0, 0])
    }
}
