import INFSyntax

/// Where the `%strkey%` values of an INF are: `[Strings.LLLL]` for the chosen language (then its
/// primary language), falling back key by key to `[Strings]`, merged into one table in which the
/// first definition found wins. Values are used as written (strings are not substituted inside strings).
struct StringIndex: Sendable {
    /// Key → field index of the value (-1 for a line with no field).
    let table: FoldedNameTable
    /// The section number of `[Strings]`, if any.
    let neutralSection: Int?
    /// Which of `[Strings.LLLL]`, `[Strings.00LL]` (the primary language) and `[Strings]` exist.
    let found: (localized: Bool, primary: Bool, neutral: Bool)

    init(tree: borrowing SyntaxTree, layout: borrowing SectionLayout, language: LanguageID) {
        let (localized, primary, neutral) = FoldedNameTable.Text.of(tree) { text in
            (Self.stringsSection(language, in: layout, text),
             language.primary == language ? nil : Self.stringsSection(language.primary, in: layout, text),
             layout.index.value(for: "Strings", in: text))
        }
        found = (localized != nil, primary != nil, neutral != nil)
        neutralSection = neutral
        // Most specific first; -1 for a section the file does not have.
        let sections = (localized ?? -1, primary ?? -1, neutral ?? -1)
        var total = 0
        for section in [sections.0, sections.1, sections.2] where section >= 0 { total += layout.entries(of: section).count }
        var table = FoldedNameTable(capacity: total)
        FoldedNameTable.Text.of(tree) { text in
            tree.lines.withUnsafeBufferPointer { lines in
                tree.fields.withUnsafeBufferPointer { fields in
                    for section in [sections.0, sections.1, sections.2] where section >= 0 {
                        for lineIndex in layout.entries(of: section) {
                            let line = lines[lineIndex]
                            guard line.keyField >= 0 else { continue }
                            let key = fields[Int(line.keyField)]
                            table.insertIfAbsent(.init(cooked: key.cooked, start: key.valueStart, count: key.valueCount),
                                                 value: line.fieldCount > 0 ? Int(line.firstField) : -1, in: text)
                        }
                    }
                }
            }
        }
        self.table = table
    }

    static let stringsPrefix = Array("strings.".utf16)

    /// The section number of `[Strings.LLLL]` for `language`, looked up without making a string.
    static func stringsSection(_ language: LanguageID, in layout: SectionLayout, _ text: FoldedNameTable.Text) -> Int? {
        var name: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &name) { raw in
            let units = raw.bindMemory(to: UInt16.self)
            for i in 0..<8 { units[i] = stringsPrefix[i] }
            for digit in 0..<4 {
                let nibble = UInt16(language.rawValue >> (12 - 4 * digit) & 0xF)
                units[8 + digit] = nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
            }
            return layout.index.value(for: UnsafeBufferPointer(rebasing: units[0..<12]), in: text)
        }
    }

    /// The field index holding the value of `%name%`, or nil when undefined.
    @inline(__always)
    func fieldIndex(for name: UnsafeBufferPointer<UInt16>, in text: FoldedNameTable.Text) -> Int? {
        guard let i = table.value(for: name, in: text) else { return nil }
        return i >= 0 ? i : nil
    }
}

/// The `%strkey%` values an INF defines: `[Strings.LLLL]` for the chosen language (then its
/// primary language), falling back key by key to `[Strings]`. The first definition of a key wins,
/// and values are returned as written (strings are not substituted inside strings).
public struct StringTable: Sendable {
    let index: StringIndex
    let tree: SyntaxTree
    let layout: SectionLayout
    let language: LanguageID

    /// The names of the strings sections that were consulted, most specific first.
    public var sectionNames: [String] {
        (index.found.localized ? ["Strings.\(language)"] : []) + (index.found.primary ? ["Strings.\(language.primary)"] : [])
            + (index.found.neutral ? ["Strings"] : [])
    }

    /// The value of `%key%` (case-insensitive), or nil when no strings section defines it.
    public func value(_ key: String) -> String? {
        guard let i = index.table.value(for: key, in: tree), i >= 0 else { return nil }
        return tree.value(tree.fields[i])
    }

    /// Whether `key` is defined in `[Strings]` itself (not only in a localized section).
    public func isDefinedInNeutralStrings(_ key: String) -> Bool {
        guard let neutralSection = index.neutralSection else { return false }
        let wanted = Array(key.utf16)
        return wanted.withUnsafeBufferPointer { wanted in
            layout.entries(of: neutralSection).contains { lineIndex in
                let line = tree.lines[lineIndex]
                guard line.keyField >= 0 else { return false }
                return tree.valueUnits(tree.fields[Int(line.keyField)]) { FoldedNameTable.equalFolded($0, wanted) }
            }
        }
    }
}

/// `%...%` substitution, as SetupAPI's `PARSER_string_substW` does it.
enum Substitution {
    static let percent: UInt16 = 0x25

    /// Where a substituted value is: in the document's arena, or in the tree's text (a value that
    /// is exactly one `%strkey%` reads as that string's own value, which is not copied).
    struct ValueRef: Sendable {
        enum Storage: UInt8, Sendable { case source, cooked, arena }
        var storage: Storage
        var start: Int32
        var count: Int32
    }

    /// A field whose value was substituted, and where that value is.
    struct Substituted: Sendable {
        var field: Int32
        var value: ValueRef
    }

    /// Resolves every field of the tree. Values without `%`, and values whose tokens are all
    /// undefined, are used as written; every other field is appended to `substitutions`, in
    /// order, with where its value is (substituted into `arena`, or a string's own value).
    static func resolveAll(tree: SyntaxTree, strings: StringIndex, arena: inout [UInt16],
                           substitutions: inout [Substituted]) {
        FoldedNameTable.Text.of(tree) { text in
            tree.fields.withUnsafeBufferPointer { fields in
                var count = 0, length = 0
                for field in fields where field.hasPercent { count += 1; length += Int(field.valueCount) }
                guard count > 0 else { return }
                arena.reserveCapacity(2 * length + 64)
                substitutions.reserveCapacity(count)
                for i in 0..<fields.count where fields[i].hasPercent {
                    let field = fields[i]
                    let value = text.units(.init(cooked: field.cooked, start: field.valueStart, count: field.valueCount))
                    if let name = singleToken(value) {
                        // Defined: the string's value. Undefined (a DIRID, a typo): kept as written.
                        if let string = strings.fieldIndex(for: name, in: text) {
                            let v = fields[string]
                            substitutions.append(Substituted(field: Int32(i), value: ValueRef(storage: v.cooked ? .cooked : .source,
                                                                                               start: v.valueStart, count: v.valueCount)))
                        }
                        continue
                    }
                    let arenaStart = arena.count
                    guard substitute(value, strings: strings, fields: fields, text: text, dirids: nil, into: &arena,
                                     onlyWhenChanged: true) else { continue }
                    substitutions.append(Substituted(field: Int32(i), value: ValueRef(storage: .arena, start: Int32(arenaStart),
                                                                                       count: Int32(arena.count - arenaStart))))
                }
            }
        }
    }

    /// The name in a value that is exactly one `%name%` token (a non-empty name without `%`), or nil.
    @inline(__always)
    static func singleToken(_ value: UnsafeBufferPointer<UInt16>) -> UnsafeBufferPointer<UInt16>? {
        guard value.count >= 3, value[0] == percent, value[value.count - 1] == percent else { return nil }
        let name = UnsafeBufferPointer(rebasing: value[1..<value.count - 1])
        return UnitScan.percent(name, from: 0, end: name.count) == name.count ? name : nil
    }

    /// Appends the substituted form of `text` to `out` (borrowing the tree's text for string values).
    @discardableResult
    static func substitute(_ text: UnsafeBufferPointer<UInt16>, strings: StringIndex, tree: SyntaxTree,
                           dirids: ((Int) -> String?)?, into out: inout [UInt16]) -> Bool {
        FoldedNameTable.Text.of(tree) { treeText in
            tree.fields.withUnsafeBufferPointer { substitute(text, strings: strings, fields: $0, text: treeText, dirids: dirids, into: &out) }
        }
    }

    /// Appends the substituted form of `text` to `out`; returns whether anything was replaced
    /// (false when the output is the input: every token undefined and no `%%`). With
    /// `onlyWhenChanged`, nothing is appended when nothing was replaced.
    @discardableResult
    static func substitute(_ text: UnsafeBufferPointer<UInt16>, strings: StringIndex, fields: UnsafeBufferPointer<FieldNode>,
                           text tree: FoldedNameTable.Text, dirids: ((Int) -> String?)?, into out: inout [UInt16],
                           onlyWhenChanged: Bool = false) -> Bool {
        let outStart = out.count
        var changed = false
        var copied = 0          // text[..<copied] is in `out` (text is copied lazily, from the first replacement on)
        var tokenStart = 0
        var inside = false
        var p = -1
        while true {
            p = UnitScan.percent(text, from: p + 1, end: text.count)
            if p == text.count { break }
            inside.toggle()
            if inside { tokenStart = p; continue }
            let name = UnsafeBufferPointer(rebasing: text[(tokenStart + 1)..<p])
            // Undefined tokens (a DIRID, a typo) are kept as written: they stay in the uncopied text.
            if name.isEmpty {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<tokenStart]))
                out.append(percent)
            } else if let field = strings.fieldIndex(for: name, in: tree) {
                let value = fields[field]
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<tokenStart]))
                out.append(contentsOf: tree.units(.init(cooked: value.cooked, start: value.valueStart, count: value.valueCount)))
            } else if let dirids, let id = dirid(name), var path = dirids(id).map({ Array($0.utf16) }) {
                if p + 1 < text.count && text[p + 1] == 0x5C && path.last == 0x5C { path.removeLast() }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<tokenStart]))
                out.append(contentsOf: path)
            } else {
                continue
            }
            changed = true
            copied = p + 1
        }
        if changed || !onlyWhenChanged { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied...])) }
        if out.count - outStart > SyntaxTree.maxFieldLength { out.removeLast(out.count - outStart - SyntaxTree.maxFieldLength) }
        return changed
    }

    /// The number in a `%N%` token (optional blanks and sign, then digits), as `strtol` reads it.
    static func dirid(_ name: UnsafeBufferPointer<UInt16>) -> Int? {
        var i = 0
        while i < name.count && CharacterClassPublic.isBlank(name[i]) { i += 1 }
        var negative = false
        if i < name.count && (name[i] == 0x2D || name[i] == 0x2B) { negative = name[i] == 0x2D; i += 1 }
        guard i < name.count else { return nil }
        var value = 0
        while i < name.count {
            let u = name[i]
            guard u >= 0x30 && u <= 0x39 else { return nil }
            value = value &* 10 &+ Int(u - 0x30)
            if value > Int(Int32.max) { return nil }
            i += 1
        }
        return negative ? -value : value
    }
}

enum CharacterClassPublic {
    static func isBlank(_ u: UInt16) -> Bool { u == 0x20 || (u >= 0x09 && u <= 0x0D) }
}
