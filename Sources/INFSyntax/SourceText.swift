/// A decoded INF file: UTF-16 code units plus everything needed to write the same bytes back.
///
/// Offsets everywhere in drvkit are indexes into `units`. Lines are counted as SetupAPI counts
/// them: only `\n` ends a line, so a CR-only file is a single line.
public struct SourceText: Sendable {
    /// The file's text as UTF-16 code units (the BOM is not part of the text).
    public let units: [UInt16]
    public let encoding: SourceEncoding
    /// For UTF-16 files of odd length: the last byte, which belongs to no code unit.
    public let oddByte: UInt8?
    /// False when the text certainly holds no NUL and no Ctrl-Z (lets the parser skip looking for them).
    let mayHoldNULOrControlZ: Bool
    /// Counts of `\n`, `,` and `=` (or more) when the text was decoded from bytes, which size the parser's node arrays.
    let separators: NodeBounds.Separators?
    private let lineTable = LineTable()
    /// Offsets of the first unit of every line (the first is always 0).
    public var lineStarts: [Int] { lineTable.starts(for: units) }

    /// Decodes raw bytes the way SetupAPI would (see ``SourceEncoding``).
    public init(bytes: [UInt8], ansiCodePage: Int = 1252) {
        let (encoding, decoded, rare, separators): (SourceEncoding, (units: [UInt16], oddByte: UInt8?), Bool?, NodeBounds.Separators)
            = bytes.withUnsafeBufferPointer { buffer in
            let summary = ByteSummary(buffer)
            let encoding = SourceCodec.detect(buffer, ansiCodePage: ansiCodePage, mayHoldNUL: summary.hasNUL)
            var rare: Bool? = nil
            if case .utf16LE = encoding {} else if case .utf16BE = encoding {} else {
                // In 8-bit and UTF-8 text a NUL or Ctrl-Z unit is that byte.
                rare = summary.hasNUL || summary.hasControlZ
            }
            return (encoding, SourceCodec.decode(buffer, as: encoding, mayHoldHighBytes: summary.hasHighBit), rare, summary.separators)
        }
        self.init(units: decoded.units, encoding: encoding, oddByte: decoded.oddByte, mayHoldNULOrControlZ: rare, separators: separators)
    }

    /// Text that did not come from a file (tests, generated INFs).
    public init(_ string: String, encoding: SourceEncoding = .utf8(bom: false)) {
        self.init(units: Array(string.utf16), encoding: encoding, oddByte: nil)
    }

    public init(units: [UInt16], encoding: SourceEncoding, oddByte: UInt8? = nil) {
        self.init(units: units, encoding: encoding, oddByte: oddByte, mayHoldNULOrControlZ: nil, separators: nil)
    }

    init(units: [UInt16], encoding: SourceEncoding, oddByte: UInt8?, mayHoldNULOrControlZ: Bool?,
         separators: NodeBounds.Separators?) {
        self.units = units
        self.encoding = encoding
        self.oddByte = oddByte
        self.separators = separators
        self.mayHoldNULOrControlZ = mayHoldNULOrControlZ ?? units.withUnsafeBufferPointer { UnitScan.containsNULOrControlZ($0) }
    }

    /// The bytes this text encodes to: for an unedited file, exactly the bytes it was read from.
    public func encoded() throws -> [UInt8] {
        try SourceCodec.encode(units, oddByte: oddByte, as: encoding)
    }

    /// 1-based line and column (in UTF-16 code units) of an offset.
    public func location(of offset: Int) -> SourceLocation {
        let lineStarts = self.lineStarts
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(offset: offset, line: lo + 1, column: offset - lineStarts[lo] + 1)
    }

    public func range(_ range: Range<Int>) -> SourceRange {
        SourceRange(start: location(of: range.lowerBound), end: location(of: range.upperBound))
    }

    /// The text of `range` as a Swift string.
    public func string(_ range: Range<Int>) -> String {
        units.withUnsafeBufferPointer { TextConversion.string(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The text of the physical line `line` (1-based) without its line ending.
    public func lineText(_ line: Int) -> String {
        let lineStarts = self.lineStarts
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : units.count
        if end > start && units[end - 1] == 0x0D { end -= 1 }
        return string(start..<max(start, end))
    }

    /// The line-ending convention the file uses.
    public var lineEndings: LineEndingStyle {
        var lf = 0, crlf = 0, cr = 0
        units.withUnsafeBufferPointer { u in
            for i in 0..<u.count {
                if u[i] == 0x0A { if i > 0 && u[i - 1] == 0x0D { crlf += 1 } else { lf += 1 } }
                else if u[i] == 0x0D && (i + 1 == u.count || u[i + 1] != 0x0A) { cr += 1 }
            }
        }
        let kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0)
        if kinds > 1 { return .mixed }
        if crlf > 0 { return .crlf }
        if cr > 0 { return .cr }
        return .lf
    }
}

/// The line endings found in a file.
public enum LineEndingStyle: String, Sendable {
    case lf, crlf, cr, mixed
    /// The code units to end a new line with in a file of this style.
    public var newline: [UInt16] { self == .crlf ? [0x0D, 0x0A] : [0x0A] }
}

/// A position in a file: offset in UTF-16 units, 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var offset: Int
    public var line: Int
    public var column: Int
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset; self.line = line; self.column = column
    }
    public static func < (a: Self, b: Self) -> Bool { a.offset < b.offset }
}

/// A half-open span of a file.
public struct SourceRange: Hashable, Sendable {
    public var start: SourceLocation
    public var end: SourceLocation
    public init(start: SourceLocation, end: SourceLocation) { self.start = start; self.end = end }
}
