import INFSyntax

/// The meaning of an INF file: what SetupAPI hands a program (`INF_STYLE_WIN4`).
///
/// Sections are merged case-insensitively in first-appearance order (a repeated `[Name]` appends
/// its lines), every key and field is read with `%strkey%` substituted from the strings sections
/// for ``language`` (then `[Strings]`), `%%` becomes `%`, and unknown tokens (DIRIDs included)
/// stay as written. The typed views (``version``, ``manufacturers``, directives) build on this.
public struct INFDocument: Sendable {
    public let tree: SyntaxTree
    /// The locale whose `[Strings.LLLL]` section wins.
    public let language: LanguageID
    /// Sections in first-appearance order.
    public var sections: Sections { Sections(layout: layout, tree: tree) }
    let layout: SectionLayout
    /// The fields whose value differs from what is written, in ascending order, each with where
    /// its substituted value is. Every other field reads as written.
    let substitutions: [Substitution.Substituted]
    let arena: [UInt16]
    let stringIndex: StringIndex
    /// The `%strkey%` values this document substitutes.
    public var strings: StringTable { StringTable(index: stringIndex, tree: tree, layout: layout, language: language) }

    public init(tree: SyntaxTree, language: LanguageID = .englishUS) {
        let layout = SectionLayout(tree: tree)
        let strings = StringIndex(tree: tree, layout: layout, language: language)
        var arena: [UInt16] = []
        var substitutions: [Substitution.Substituted] = []
        Substitution.resolveAll(tree: tree, strings: strings, arena: &arena, substitutions: &substitutions)
        self.substitutions = substitutions
        self.arena = arena
        self.layout = layout
        self.stringIndex = strings
        self.language = language
        self.tree = tree
    }

    /// Parses and resolves text (for tests and generated INFs).
    public init(_ text: String, language: LanguageID = .englishUS) {
        self.init(tree: SyntaxTree(text), language: language)
    }

    // MARK: Sections and lines

    /// The section called `name` (case-insensitive), merged over all its headers.
    public func section(_ name: String) -> Section? {
        sectionIndex(of: name).map { sections[$0] }
    }

    public func hasSection(_ name: String) -> Bool { sectionIndex(of: name) != nil }

    func sectionIndex(of name: String) -> Int? {
        layout.index.value(for: name, in: tree)
    }

    /// The entry lines of the section called `name` (without making its ``Section``, whose name is a new string).
    func entryIndexes(in name: String) -> LineIndexes? {
        sectionIndex(of: name).map { layout.entries(of: $0) }
    }

    /// The lines of a section as SetupAPI reads them.
    public func lines(of section: Section) -> [INFLine] {
        section.lines.map { line(at: $0) }
    }

    /// The lines of the section called `name`, or an empty list.
    public func lines(in name: String) -> [INFLine] {
        entryIndexes(in: name).map { $0.map { line(at: $0) } } ?? []
    }

    /// The first line of `section` whose key is `key` (case-insensitive), as `SetupFindFirstLine`.
    public func firstLine(in section: String, key: String) -> INFLine? {
        let folded = CaseFolding.fold(key)
        return entryIndexes(in: section)?.first { hasKey(folded, line: $0) }.map { line(at: $0) }
    }

    /// All lines of `section` whose key is `key` (case-insensitive).
    public func lines(in section: String, key: String) -> [INFLine] {
        let folded = CaseFolding.fold(key)
        // Keys are compared first: only the lines that match are built.
        return entryIndexes(in: section)?.filter { hasKey(folded, line: $0) }.map { line(at: $0) } ?? []
    }

    /// Whether the entry at `tree.lines[index]` has a key whose substituted value folds to `folded`.
    private func hasKey(_ folded: String, line index: Int) -> Bool {
        let keyField = tree.lines[index].keyField
        return keyField >= 0 && CaseFolding.fold(value(ofField: Int(keyField))) == folded
    }

    /// The line at an index of `tree.lines` (which must be an entry).
    public func line(at index: Int) -> INFLine {
        let node = tree.lines[index]
        let fields = node.fieldIndexes.map { value(ofField: $0) }
        let ranges = node.fieldIndexes.map { tree.fields[$0].range }
        var key: String? = nil, rawKey: String? = nil, keyRange: Range<Int>? = nil
        if node.keyField >= 0 {
            let field = tree.fields[Int(node.keyField)]
            // A keyless one-field line's key is its field; a key without `%` reads as written.
            key = node.keyField == node.firstField && node.fieldCount > 0 ? fields[0] : value(ofField: Int(node.keyField))
            rawKey = field.hasPercent ? tree.value(field) : key
            keyRange = field.range
        }
        return INFLine(index: index, key: key, fields: fields, keyRange: keyRange, fieldRanges: ranges,
                       range: Int(node.start)..<Int(node.contentEnd), rawKey: rawKey)
    }

    /// The substituted value of `tree.fields[i]`.
    public func value(ofField i: Int) -> String {
        valueUnits(ofField: i) { TextConversion.string($0) }
    }

    /// The substituted value of `tree.fields[i]` as code units, without making a string.
    public func valueUnits<R>(ofField i: Int, _ body: (UnsafeBufferPointer<UInt16>) throws -> R) rethrows -> R {
        let field = tree.fields[i]
        // Only a value with a `%` can have been substituted.
        guard field.hasPercent, let slot = substitutionSlot(ofField: i) else { return try tree.valueUnits(field, body) }
        let ref = substitutions[slot].value
        let range = Int(ref.start)..<Int(ref.start + ref.count)
        switch ref.storage {
        case .source: return try tree.source.units.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        case .cooked: return try tree.cookedUnits.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        case .arena: return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
    }

    /// The index into `substitutions` of field `i`, or nil when it reads as written.
    private func substitutionSlot(ofField i: Int) -> Int? {
        var lo = 0, hi = substitutions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(substitutions[mid].field) < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < substitutions.count && Int(substitutions[lo].field) == i ? lo : nil
    }

    /// Substitutes `%strkey%` tokens in arbitrary text the way SetupAPI does for fields.
    /// With `dirids`, numeric tokens that name no string become directories (installer use).
    public func substitute(_ text: String, dirids: ((Int) -> String?)? = nil) -> String {
        let units = Array(text.utf16)
        var out: [UInt16] = []
        units.withUnsafeBufferPointer { _ = Substitution.substitute($0, strings: stringIndex, tree: tree, dirids: dirids, into: &out) }
        return out.withUnsafeBufferPointer { TextConversion.string($0) }
    }

    // MARK: Validity

    /// Why SetupAPI would refuse to open this file, or nil when it opens it.
    /// The order is SetupAPI's: a broken section header stops the parse; then the signature
    /// is checked; then text before the first section matters only when there is no `[Strings]`.
    public var openError: SetupAPIError? {
        for issue in tree.issues {
            switch issue.kind {
            case .missingCloseBracket:
                return SetupAPIError(code: SetupAPIError.badSectionNameLine, line: tree.lineNumber(of: issue.range.lowerBound), range: issue.range)
            case .sectionNameTooLong:
                return SetupAPIError(code: SetupAPIError.sectionNameTooLong, line: tree.lineNumber(of: issue.range.lowerBound), range: issue.range)
            default:
                continue
            }
        }
        if signatureField == nil {
            return SetupAPIError(code: SetupAPIError.wrongInfStyle, line: 0, range: nil)
        }
        if !hasSection("Strings"), let orphan = tree.issues.first(where: { $0.kind == .textBeforeFirstSection }) {
            return SetupAPIError(code: SetupAPIError.expectedSectionName, line: tree.lineNumber(of: orphan.range.lowerBound), range: orphan.range)
        }
        return nil
    }

    /// The `[Version]` Signature when it is one SetupAPI accepts (compared before substitution, as SetupAPI does).
    public var signature: String? { signatureField.map { tree.value($0) } }

    /// The field holding an accepted `[Version]` Signature, or nil.
    var signatureField: FieldNode? {
        guard let s = sectionIndex(of: "Version") else { return nil }
        for i in layout.entries(of: s) {
            let node = tree.lines[i]
            guard node.keyField >= 0, tree.valueUnits(tree.fields[Int(node.keyField)], { Self.equalsFolded($0, "signature") }) else { continue }
            guard node.fieldCount > 0 else { return nil }
            let raw = tree.fields[Int(node.firstField)]
            let accepted = tree.valueUnits(raw) { value in
                Self.equalsFolded(value, "$windows nt$") || Self.equalsFolded(value, "$chicago$") || Self.equalsFolded(value, "$windows 95$")
            }
            return accepted ? raw : nil
        }
        return nil
    }

    /// Whether `units` spell the ASCII `name`, ignoring ASCII case.
    static func equalsFolded(_ units: UnsafeBufferPointer<UInt16>, _ name: StaticString) -> Bool {
        FoldedNameTable.equalFolded(units, ascii: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
}

/// One line as SetupAPI reads it: key and fields after quote removal and substitution.
public struct INFLine: Hashable, Sendable {
    /// Index into `tree.lines`.
    public let index: Int
    /// Field 0: the text before `=`, or the only field of a keyless one-field line; nil otherwise.
    public let key: String?
    /// Fields 1…N.
    public let fields: [String]
    /// Where the key and each field are written (for diagnostics and fixes).
    public let keyRange: Range<Int>?
    public let fieldRanges: [Range<Int>]
    /// The line's text without its line end.
    public let range: Range<Int>
    /// The key before `%strkey%` substitution.
    public let rawKey: String?

    /// What `SetupGetLineText` returns: the fields joined by commas.
    public var text: String { fields.joined(separator: ",") }

    /// Field `n` (1-based, as SetupAPI numbers them), or nil.
    public func field(_ n: Int) -> String? { n >= 1 && n <= fields.count ? fields[n - 1] : nil }

    /// Field `n` with blanks trimmed, nil when absent or empty.
    public func nonEmptyField(_ n: Int) -> String? {
        guard let f = field(n), !f.isEmpty else { return nil }
        return f
    }

    /// The range of field `n` (1-based), or the whole line when the field is missing.
    public func range(ofField n: Int) -> Range<Int> {
        n >= 1 && n <= fieldRanges.count ? fieldRanges[n - 1] : range
    }
}

extension INFDocument {
    /// The line at an index of `tree.lines` as an installer reads it: like ``line(at:)``, with
    /// numeric `%N%` tokens that name no string replaced by `dirids` (SetupAPI substitutes DIRIDs
    /// when a field is read at install time).
    public func line(at index: Int, dirids: @escaping (Int) -> String?) -> INFLine {
        let plain = line(at: index)
        let node = tree.lines[index]
        let fields = node.fieldIndexes.enumerated().map { n, i -> String in
            let field = tree.fields[i]
            guard field.hasPercent else { return plain.fields[n] }
            var out: [UInt16] = []
            _ = tree.valueUnits(field) { Substitution.substitute($0, strings: stringIndex, tree: tree, dirids: dirids, into: &out) }
            return out.withUnsafeBufferPointer { TextConversion.string($0) }
        }
        return INFLine(index: index, key: plain.key, fields: fields, keyRange: plain.keyRange, fieldRanges: plain.fieldRanges,
                       range: plain.range, rawKey: plain.rawKey)
    }
}
