import INFSyntax

/// Build-time placeholders of INF templates: stampinf's `$ARCH$` and friends, and the forms other
/// generators use (`#NAME#` in libwdi, `!Name!` in WinFsp, `@NAME@` in CMake, `INX_…` in virtio-win).
/// Findings on text that will be replaced before the INF ships are not reported for templates.
enum Template {
    static let stampinf = ["$ARCH$", "$KMDFVERSION$", "$UMDFVERSION$", "$KMDFCOINSTALLERVERSION$", "$UMDFCOINSTALLERVERSION$",
                           "$WDFCOINSTALLERVERSION$", "$INFVERSION$", "$DATE$"]

    /// Whether the text holds any placeholder (makes the file a template).
    static func hasPlaceholders<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
        ASCIIScan.placeholders(in: units, includingArch: true) ?? StringSearch.hasPlaceholders(units)
    }

    /// Whether the text holds placeholders drvkit cannot see through. `$ARCH$` is not one: the model
    /// reads `NT$ARCH$` decorations as "any architecture", so findings on those lines stay meaningful.
    static func hasOpaquePlaceholders<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
        ASCIIScan.placeholders(in: units, includingArch: false) ?? StringSearch.hasOpaquePlaceholders(units)
    }

    /// The definition, on Swift strings (Unicode case folding and characters): used for text
    /// beyond ASCII, and by tests as the reference for ``ASCIIScan``.
    enum StringSearch {
        static func hasPlaceholders<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
            let upper = String(decoding: Array(units), as: UTF16.self).uppercased()
            return stampinf.contains(where: { upper.contains($0) }) || hasOpaquePlaceholders(units)
        }

        static func hasOpaquePlaceholders<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
            let text = String(decoding: Array(units), as: UTF16.self)
            if text.contains("INX_") { return true }
            let upper = text.uppercased()
            if stampinf.dropFirst().contains(where: { upper.contains($0) }) { return true }
            // #NAME#, !Name!, @NAME@: a delimiter, an identifier of two or more characters, the same delimiter.
            for delimiter in ["#", "!", "@"] {
                var rest = Substring(text)
                while let open = rest.firstIndex(of: Character(delimiter)) {
                    let after = rest[rest.index(after: open)...]
                    let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    if name.count >= 2, after.dropFirst(name.count).first == Character(delimiter),
                       name.contains(where: \.isLetter) { return true }
                    rest = after
                }
            }
            return false
        }
    }
}

extension Template {
    /// The same answers as the string searches above, read straight from the code units, for
    /// text that is all ASCII (nearly every INF): there a character is one unit (a CR LF pair is
    /// one character, but neither half is part of a name), case only folds `A`–`Z`,
    /// and letters and digits are the ASCII ones. Other text gets nil and takes the string path.
    enum ASCIIScan {
        static let names: [[UInt16]] = stampinf.map { Array($0.lowercased().utf16) }
        static let inx = Array("INX_".utf16)

        static func placeholders<C: Collection>(in units: C, includingArch: Bool) -> Bool? where C.Element == UInt16 {
            let answer = units.withContiguousStorageIfAvailable { u -> Bool? in
                var bits: UInt16 = 0
                for unit in u { bits |= unit }
                guard bits < 0x80 else { return nil }
                return hasName(u, includingArch: includingArch) || contains(u, inx) || hasDelimitedName(u)
            }
            return answer ?? Array(units).withUnsafeBufferPointer { placeholders(in: $0, includingArch: includingArch) }
        }

        /// A stampinf placeholder in any case (`$ARCH$` only when `includingArch`).
        static func hasName(_ u: UnsafeBufferPointer<UInt16>, includingArch: Bool) -> Bool {
            for i in u.indices where u[i] == 0x24 {
                for name in names.dropFirst(includingArch ? 0 : 1) where i + name.count <= u.count {
                    var k = 0
                    while k < name.count && u[i + k].asciiLowercased == name[k] { k += 1 }
                    if k == name.count { return true }
                }
            }
            return false
        }

        static func contains(_ u: UnsafeBufferPointer<UInt16>, _ w: [UInt16]) -> Bool {
            guard u.count >= w.count else { return false }
            for i in 0...(u.count - w.count) where u[i] == w[0] {
                if (1..<w.count).allSatisfy({ u[i + $0] == w[$0] }) { return true }
            }
            return false
        }

        /// `#NAME#`, `!Name!` or `@NAME@`: a delimiter, two or more letters, digits or `_` with a
        /// letter among them, and the same delimiter.
        static func hasDelimitedName(_ u: UnsafeBufferPointer<UInt16>) -> Bool {
            for i in u.indices where u[i] == 0x23 || u[i] == 0x21 || u[i] == 0x40 {
                var j = i + 1, letter = false
                while j < u.count && isNameCharacter(u[j]) { letter = letter || isLetter(u[j]); j += 1 }
                if j - i - 1 >= 2, j < u.count, u[j] == u[i], letter { return true }
            }
            return false
        }

        static func isLetter(_ u: UInt16) -> Bool { u.asciiLowercased &- 0x61 < 26 }
        static func isNameCharacter(_ u: UInt16) -> Bool { isLetter(u) || u &- 0x30 < 10 || u == 0x5F }
    }
}
