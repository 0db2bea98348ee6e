import INFSyntax

/// The `%strkey%` values an INF defines: `[Strings.LLLL]` for the chosen language (then its
/// primary language), falling back key by key to `[Strings]`. The first definition of a key wins,
/// and values are returned as written (strings are not substituted inside strings).
public struct StringTable: Sendable {
    /// Key → field index of the value (-1 for a line with no field), per strings section.
    let localized: FoldedNameTable?
    let primary: FoldedNameTable?
    let neutral: FoldedNameTable?
    let tree: SyntaxTree

    /// The names of the strings sections that were consulted, most specific first.
    public let sectionNames: [String]

    init(tree: SyntaxTree, sections: [INFDocument.Section], index: FoldedNameTable, language: LanguageID) {
        self.tree = tree
        func table(_ name: String) -> FoldedNameTable? {
            guard let i = Array(name.utf16).withUnsafeBufferPointer({ index.value(for: $0, in: tree) }) else { return nil }
            var map = FoldedNameTable(capacity: sections[i].lines.count)
            for lineIndex in sections[i].lines {
                let line = tree.lines[lineIndex]
                guard line.keyField >= 0 else { continue }
                let key = tree.fields[Int(line.keyField)]
                map.insertIfAbsent(.init(cooked: key.cooked, start: key.valueStart, count: key.valueCount),
                                   value: line.fieldCount > 0 ? Int(line.firstField) : -1, in: tree)
            }
            return map
        }
        var names: [String] = []
        let full = "Strings.\(language)"
        let prim = "Strings.\(language.primary)"
        localized = table(full)
        if localized != nil { names.append(full) }
        primary = prim != full ? table(prim) : nil
        if primary != nil { names.append(prim) }
        neutral = table("Strings")
        if neutral != nil { names.append("Strings") }
        sectionNames = names
    }

    /// The field index holding the value of `%name%`, or nil when undefined.
    func fieldIndex(for name: UnsafeBufferPointer<UInt16>) -> Int? {
        if let localized, let i = localized.value(for: name, in: tree) { return i >= 0 ? i : nil }
        if let primary, let i = primary.value(for: name, in: tree) { return i >= 0 ? i : nil }
        if let neutral, let i = neutral.value(for: name, in: tree) { return i >= 0 ? i : nil }
        return nil
    }

    /// The value of `%key%` (case-insensitive), or nil when no strings section defines it.
    public func value(_ key: String) -> String? {
        Array(key.utf16).withUnsafeBufferPointer { fieldIndex(for: $0) }.map { tree.value(tree.fields[$0]) }
    }

    /// Whether `key` is defined in `[Strings]` itself (not only in a localized section).
    public func isDefinedInNeutralStrings(_ key: String) -> Bool {
        Array(key.utf16).withUnsafeBufferPointer { neutral?.value(for: $0, in: tree) } != nil
    }
}

/// `%...%` substitution, as SetupAPI's `PARSER_string_substW` does it.
enum Substitution {
    static let percent: UInt16 = 0x25

    /// Resolves every field of the tree; values without `%` are shared, not copied.
    static func resolveAll(tree: SyntaxTree, strings: StringTable, arena: inout [UInt16]) -> [INFDocument.ValueSlice] {
        var result = [INFDocument.ValueSlice]()
        result.reserveCapacity(tree.fields.count)
        tree.source.units.withUnsafeBufferPointer { source in
            tree.cookedUnits.withUnsafeBufferPointer { cooked in
                for field in tree.fields {
                    let base = field.cooked ? cooked : source
                    let start = Int(field.valueStart), end = start + Int(field.valueCount)
                    var hasPercent = false
                    for i in start..<end where base[i] == percent { hasPercent = true; break }
                    if !hasPercent {
                        result.append(.init(storage: field.cooked ? .cooked : .source, start: field.valueStart, count: field.valueCount))
                        continue
                    }
                    let arenaStart = arena.count
                    substitute(UnsafeBufferPointer(rebasing: base[start..<end]), strings: strings, dirids: nil, into: &arena)
                    result.append(.init(storage: .arena, start: Int32(arenaStart), count: Int32(arena.count - arenaStart)))
                }
            }
        }
        return result
    }

    /// Appends the substituted form of `text` to `out`; returns whether anything was replaced.
    @discardableResult
    static func substitute(_ text: UnsafeBufferPointer<UInt16>, strings: StringTable,
                           dirids: ((Int) -> String?)?, into out: inout [UInt16]) -> Bool {
        let outStart = out.count
        var changed = false
        var start = 0
        var inside = false
        for p in 0..<text.count where text[p] == percent {
            inside.toggle()
            if inside {
                out.append(contentsOf: text[start..<p])
                start = p
                continue
            }
            let name = UnsafeBufferPointer(rebasing: text[(start + 1)..<p])
            changed = true
            if name.isEmpty {
                out.append(percent)
            } else if let field = strings.fieldIndex(for: name) {
                strings.tree.valueUnits(strings.tree.fields[field]) { out.append(contentsOf: $0) }
            } else if let dirids, let id = dirid(name), var path = dirids(id).map({ Array($0.utf16) }) {
                if p + 1 < text.count && text[p + 1] == 0x5C && path.last == 0x5C { path.removeLast() }
                out.append(contentsOf: path)
            } else {
                out.append(contentsOf: text[start...p])
            }
            start = p + 1
        }
        if start < text.count { out.append(contentsOf: text[start...]) }
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
