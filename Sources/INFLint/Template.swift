/// Build-time placeholders of INF templates: stampinf's `$ARCH$` and friends, and the forms other
/// generators use (`#NAME#` in libwdi, `!Name!` in WinFsp, `@NAME@` in CMake, `INX_…` in virtio-win).
/// Findings on text that will be replaced before the INF ships are not reported for templates.
enum Template {
    static let stampinf = ["$ARCH$", "$KMDFVERSION$", "$UMDFVERSION$", "$KMDFCOINSTALLERVERSION$", "$UMDFCOINSTALLERVERSION$",
                           "$WDFCOINSTALLERVERSION$", "$INFVERSION$", "$DATE$"]

    /// Whether the text holds any placeholder (makes the file a template).
    static func hasPlaceholders<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
        let upper = String(decoding: Array(units), as: UTF16.self).uppercased()
        return stampinf.contains(where: { upper.contains($0) }) || hasOpaquePlaceholders(units)
    }

    /// Whether the text holds placeholders drvkit cannot see through. `$ARCH$` is not one: the model
    /// reads `NT$ARCH$` decorations as "any architecture", so findings on those lines stay meaningful.
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
