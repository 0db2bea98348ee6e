/// The lossless syntax tree of an INF file.
///
/// Every code unit of the source belongs to exactly one ``LineNode``; printing the lines of an
/// unedited tree gives back the source, and encoding it gives back the file's bytes. Each entry's
/// key and fields carry both where they are written and what SetupAPI reads from them.
public struct SyntaxTree: Sendable {
    /// Longest field SetupAPI returns (`MAX_INF_STRING_LENGTH`); longer ones are cut.
    public static let maxFieldLength = 4096
    /// Longest section name SetupAPI accepts (`ERROR_SECTION_NAME_TOO_LONG` above it).
    public static let maxSectionNameLength = 255
    /// Longest text the parser takes, in code units: node offsets are 32-bit. (SetupAPI itself
    /// reads INF files whole into memory; real ones are well under a megabyte.)
    public static let maxUnits = 1 << 30
    /// Longest file ``INFInput`` reads: its text is never longer than ``maxUnits``.
    public static let maxFileBytes = maxUnits

    public let source: SourceText
    public let lines: [LineNode]
    /// Keys and fields of all entries, in file order; lines index into it.
    public let fields: [FieldNode]
    /// Values that differ from their source text (quotes, continuations, NULs) live here.
    public let cookedUnits: [UInt16]
    /// What the parser noticed, in file order.
    public let issues: [SyntaxIssue]
    /// Where SetupAPI stops reading: the first Ctrl-Z, or the end of the text.
    public let endOfData: Int
    /// How many lines are section headers (closed or not) and how many are entries (which
    /// INFModel sizes its section tables by).
    package let headerCount: Int
    package let entryCount: Int

    /// Parses decoded text. Never fails: malformed input gives issues and a best-effort tree.
    public init(source: SourceText) {
        self.init(source: source, entryLexing: .masked)
    }

    /// Parses with the given entry lexers (tests compare the fast paths with the state machine),
    /// into node arrays of `bounds` nodes at first (tests give too few, to check the second try).
    init(source: SourceText, entryLexing: Parser.EntryLexing, bounds initialBounds: NodeBounds? = nil) {
        precondition(source.units.count <= Self.maxUnits, "INF text longer than \(Self.maxUnits) code units")
        var bounds = initialBounds ?? Parser.bounds(source)
        while true {
            // The nodes are written straight into the arrays' storage, sized by the bounds.
            var parser: Parser? = nil
            var fields: [FieldNode] = []
            let lines = [LineNode](unsafeUninitializedCapacity: bounds.lines) { lineStorage, lineCount in
                fields = [FieldNode](unsafeUninitializedCapacity: bounds.fields) { fieldStorage, fieldCount in
                    var p = Parser(source: source, lines: lineStorage, fields: fieldStorage)
                    p.entryLexing = entryLexing
                    p.run()
                    fieldCount = p.fields.count
                    lineCount = p.lines.count
                    parser = p
                }
            }
            guard let parser, !parser.lines.overflowed && !parser.fields.overflowed else {
                // Not expected (the bounds hold for every input); parse again with more room.
                bounds.lines *= 2; bounds.fields *= 2
                continue
            }
            self.source = source
            self.lines = lines
            self.fields = fields
            self.cookedUnits = parser.cooked
            self.issues = parser.issues
            self.endOfData = parser.end
            self.headerCount = parser.headerCount
            self.entryCount = parser.entryCount
            return
        }
    }

    /// Decodes (as SetupAPI would) and parses file bytes.
    public init(bytes: [UInt8], ansiCodePage: Int = 1252) {
        self.init(source: SourceText(bytes: bytes, ansiCodePage: ansiCodePage))
    }

    /// Parses a string (for tests and generated INFs).
    public init(_ text: String) {
        self.init(source: SourceText(text))
    }

    /// The source text of the whole tree, rebuilt from its lines.
    public func printedUnits() -> [UInt16] {
        var out = [UInt16]()
        out.reserveCapacity(source.units.count)
        source.units.withUnsafeBufferPointer { u in
            for line in lines { out.append(contentsOf: u[line.range]) }
        }
        return out
    }

    /// The file's bytes, rebuilt from the tree and encoded as the source was.
    public func printedBytes() throws -> [UInt8] {
        try SourceCodec.encode(printedUnits(), oddByte: source.oddByte, as: source.encoding)
    }

    /// The code units SetupAPI reads for a field (before `%strkey%` substitution).
    @inlinable @inline(__always)
    public func valueUnits<R>(_ field: FieldNode, _ body: (UnsafeBufferPointer<UInt16>) throws -> R) rethrows -> R {
        let range = Int(field.valueStart)..<Int(field.valueStart + field.valueCount)
        if field.cooked {
            return try cookedUnits.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        return try source.units.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The value of a field as a string (before `%strkey%` substitution).
    public func value(_ field: FieldNode) -> String {
        valueUnits(field) { TextConversion.string($0) }
    }

    /// The key of an entry line, as written after quote removal, or nil.
    public func key(of line: LineNode) -> String? {
        line.keyField >= 0 ? value(fields[Int(line.keyField)]) : nil
    }

    /// The values of an entry line's fields (before substitution).
    public func values(of line: LineNode) -> [String] {
        line.fieldIndexes.map { value(fields[$0]) }
    }

    /// The section name of a header line (NULs read as blanks, as SetupAPI reads them).
    public func sectionName(of line: LineNode) -> String? {
        guard let range = line.nameRange else { return nil }
        let slice = source.units[range]
        if !slice.contains(0) { return TextConversion.string(slice) }
        return TextConversion.string(ArraySlice(slice.map { $0 == 0 ? 0x20 : $0 }))
    }

    /// 1-based line number (SetupAPI's count) of an offset.
    public func lineNumber(of offset: Int) -> Int { source.location(of: offset).line }
}
