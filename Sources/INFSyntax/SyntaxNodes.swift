/// One line of an INF file as SetupAPI sees it: a physical line, or several joined by `\`
/// continuations. Lines partition the file: concatenating their ranges gives back every code unit.
public struct LineNode: Hashable, Sendable {
    public enum Kind: UInt8, Sendable {
        /// Only white space (and the line end).
        case blank
        /// A line whose first non-blank character is `;`.
        case comment
        /// `[name]`, with anything after `]` ignored.
        case sectionHeader
        /// `[name` without a closing bracket (SetupAPI refuses the file: ERROR_BAD_SECTION_NAME_LINE).
        case badSectionHeader
        /// `key = fields` or `fields` inside a section.
        case entry
        /// Text before the first section (SetupAPI ignores it, or refuses the file when there is no [Strings]).
        case orphanText
        /// Everything after a Ctrl-Z (0x1A), which SetupAPI treats as the end of the file.
        case ignoredTail
    }

    public var kind: Kind
    /// Entries: the line joins the next with a `\` continuation.
    public var hasContinuation: Bool = false
    /// Entries: a quoted run is still open at the line end.
    public var hasUnterminatedQuote: Bool = false
    /// The whole line, including its line end (and continuation lines).
    public var start: Int32
    public var end: Int32
    /// Offset of the `;` that starts a comment running to the line end (-1 when none).
    public var comment: Int32 = -1
    /// Offset just past the line's content, before its line end (`\n`, or `\r\n`).
    public var contentEnd: Int32 = 0
    // Four slots that section headers and entries use for their own offsets (a line is never
    // both), which keeps a node at 36 bytes instead of 52.
    /// Headers: `[`. Entries: the key field.
    private var slotA: Int32 = -1
    /// Headers: the end of the name. Entries: `=`.
    private var slotB: Int32 = -1
    /// Headers: `]`. Entries: the first value field.
    private var slotC: Int32 = -1
    /// Entries: the number of value fields.
    private var slotD: Int32 = 0

    init(kind: Kind, start: Int32, end: Int32, comment: Int32 = -1, contentEnd: Int32 = 0) {
        self.kind = kind
        self.start = start
        self.end = end
        self.comment = comment
        self.contentEnd = contentEnd
    }

    private var isHeader: Bool { kind == .sectionHeader || kind == .badSectionHeader }
    private var isEntry: Bool { kind == .entry }

    /// Section headers: the name between `[` and `]` (or to the line end when unclosed); -1 otherwise.
    public var nameStart: Int32 { isHeader ? slotA + 1 : -1 }
    public var nameEnd: Int32 {
        get { isHeader ? slotB : -1 }
        set { slotB = newValue }
    }
    /// Section headers: offset of `[` and `]` (-1 when absent).
    public var openBracket: Int32 {
        get { isHeader ? slotA : -1 }
        set { slotA = newValue }
    }
    public var closeBracket: Int32 {
        get { isHeader ? slotC : -1 }
        set { slotC = newValue }
    }
    /// Entries: the key (an index into ``SyntaxTree/fields``), -1 when the line has none.
    public var keyField: Int32 {
        get { isEntry ? slotA : -1 }
        set { slotA = newValue }
    }
    /// Entries: the first value field and how many there are.
    public var firstField: Int32 {
        get { isEntry ? slotC : 0 }
        set { slotC = newValue }
    }
    public var fieldCount: Int32 {
        get { isEntry ? slotD : 0 }
        set { slotD = newValue }
    }
    /// Entries: offset of the `=` that ends the key (-1 when the line has no `=`).
    public var equals: Int32 {
        get { isEntry ? slotB : -1 }
        set { slotB = newValue }
    }

    public var range: Range<Int> { Int(start)..<Int(end) }
    public var nameRange: Range<Int>? { nameStart < 0 ? nil : Int(nameStart)..<Int(nameEnd) }
    public var hasKey: Bool { keyField >= 0 }
    /// Indexes into ``SyntaxTree/fields`` of the value fields.
    public var fieldIndexes: Range<Int> { Int(firstField)..<Int(firstField + fieldCount) }
    /// True when the key is written with `=` (not a keyless single-field line).
    public var hasExplicitKey: Bool { equals >= 0 }
}

/// One field (or key) of an entry: where it is written and what SetupAPI reads from it
/// (quotes removed, `""` collapsed, continuations joined, NUL as space), before `%strkey%` substitution.
public struct FieldNode: Hashable, Sendable {
    /// Where the field is written, from its first to its last significant character.
    public var start: Int32
    public var end: Int32
    /// The value: a slice of the source text, or of the tree's cooked buffer when `cooked`.
    public var valueStart: Int32
    public var valueCount: Int32
    public var cooked: Bool
    /// The value was cut at ``SyntaxTree/maxFieldLength`` characters.
    public var truncated: Bool
    /// The field contains a quoted run.
    public var quoted: Bool
    /// The value may contain a `%` (never false when it does): only such values need `%strkey%` substitution.
    public var hasPercent: Bool = false

    public var range: Range<Int> { Int(start)..<Int(end) }
}

/// Something the parser noticed that SetupAPI would refuse, ignore or misread.
public struct SyntaxIssue: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case missingCloseBracket, sectionNameTooLong, textBeforeFirstSection
        case unterminatedQuote, fieldTooLong, nulCharacter, controlZ
    }
    public var kind: Kind
    public var range: Range<Int>
}
