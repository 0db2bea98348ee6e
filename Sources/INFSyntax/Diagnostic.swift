/// How serious a finding is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case info, warning, error
    public static func < (a: Self, b: Self) -> Bool {
        let order: [Severity] = [.info, .warning, .error]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// A replacement of a span of the source text by new text (offsets in UTF-16 units).
public struct SourceEdit: Hashable, Sendable {
    public var range: Range<Int>
    public var replacement: [UInt16]
    public init(range: Range<Int>, replacement: String) {
        self.range = range; self.replacement = Array(replacement.utf16)
    }
    public init(range: Range<Int>, replacementUnits: [UInt16]) {
        self.range = range; self.replacement = replacementUnits
    }
}

/// A finding about a file: a value that renderers turn into text, JSON, SARIF or JUnit.
public struct Diagnostic: Hashable, Sendable {
    public var code: String
    public var severity: Severity
    public var message: String
    /// Offsets in the file's code units.
    public var range: Range<Int>
    public init(code: String, severity: Severity, message: String, range: Range<Int>) {
        self.code = code; self.severity = severity; self.message = message; self.range = range
    }
}
