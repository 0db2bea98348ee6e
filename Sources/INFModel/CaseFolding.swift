import INFSyntax

/// Case-insensitive keys as SetupAPI compares section names, line keys and string keys.
enum CaseFolding {
    /// A folded form of `units` that compares equal for names SetupAPI treats as equal.
    static func fold(_ units: UnsafeBufferPointer<UInt16>) -> String {
        if FoldedNameTable.isASCII(units) {
            return String(unsafeUninitializedCapacity: units.count) { buffer in
                for i in 0..<units.count { buffer[i] = UInt8(units[i].asciiLowercased) }
                return units.count
            }
        }
        return String(decoding: units, as: UTF16.self).lowercased()
    }

    static func fold(_ string: String) -> String {
        let units = Array(string.utf16)
        return units.withUnsafeBufferPointer { fold($0) }
    }
}
