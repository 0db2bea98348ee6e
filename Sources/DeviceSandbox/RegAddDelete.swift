/// `reg add` and `reg delete` on the sandbox registry. The rules are those of Wine's reg add and
/// reg delete tests (programs/reg/tests/add.c, delete.c), which pass on Windows.
extension RegistryTools {
    /// What `reg add` stores: `/t TYPE` (REG_SZ when nil) with `/d DATA` (nil when not given) and,
    /// for REG_MULTI_SZ, the `/s` separator (nil: strings are separated by the two characters `\0`).
    public static func addValue(name: String, type typeName: String?, data: String?, separator: Character?) throws -> RegistryValue {
        guard let type = typeName.map({ RegistryValueType.named($0) }) ?? 1 else {
            throw SandboxError("ERROR: Invalid syntax. '\(typeName ?? "")' is not a registry type (REG_SZ, REG_MULTI_SZ, REG_EXPAND_SZ, REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_QWORD, REG_BINARY, REG_NONE)")
        }
        let text = Array((data ?? "").utf16)
        switch type {
        case 4, 5:   // REG_DWORD and REG_DWORD_BIG_ENDIAN, which Windows stores little-endian alike
            guard data != nil else { throw SandboxError("ERROR: Invalid syntax. \(typeName ?? "REG_DWORD") needs /d") }
            guard text.first != 0x2D, let value = RegNumber.parse(text, max: UInt64(UInt32.max)) else {
                throw SandboxError("ERROR: Invalid syntax. Specify a valid numeric value for '/d' (decimal, or hexadecimal with 0x)")
            }
            return RegistryValue(name: name, type: type, data: withUnsafeBytes(of: UInt32(value).littleEndian) { Array($0) })
        case 11:
            guard let value = RegNumber.parse(text, max: .max) else {
                throw SandboxError("ERROR: Invalid syntax. Specify a valid numeric value for '/d' (decimal, or hexadecimal with 0x)")
            }
            return RegistryValue(name: name, type: type, data: withUnsafeBytes(of: value.littleEndian) { Array($0) })
        case 3:
            guard let bytes = RegNumber.hexBytes(text) else {
                throw SandboxError("ERROR: Invalid syntax. Specify a valid hexadecimal value for '/d' (hex digits, no 0x)")
            }
            return RegistryValue(name: name, type: type, data: bytes)
        case 7:
            guard let units = multiString(text, separator: separator.map { Array(String($0).utf16) }) else {
                throw SandboxError("ERROR: Invalid syntax. A REG_MULTI_SZ value cannot hold an empty string or start with a separator")
            }
            return RegistryValue(name: name, type: type, data: RegistryValue.utf16Bytes(units))
        default:     // REG_SZ, REG_EXPAND_SZ, REG_NONE: the text and its terminator
            return RegistryValue(name: name, type: type, data: RegistryValue.utf16Bytes(text + [0]))
        }
    }

    /// REG_MULTI_SZ data: the strings with their terminators and the list's, or nil when a string
    /// would be empty (two separators in a row, or one first).
    static func multiString(_ text: [UInt16], separator: [UInt16]?) -> [UInt16]? {
        var out: [UInt16] = []
        var i = 0
        while i < text.count {
            if let separator, separator.count == 1, text[i] == separator[0] {
                out.append(0)
            } else if separator == nil, text[i] == 0x5C, i + 1 < text.count, text[i + 1] == 0x30 {
                out.append(0)
                i += 1
            } else {
                out.append(text[i])
            }
            if out.count >= 2, out[out.count - 2] == 0, out.last == 0 || out.count == 2 { return nil }
            i += 1
        }
        if out.last.map({ $0 != 0 }) ?? false { out.append(0) }
        return out + [0]
    }

    /// `reg add KEY [/v NAME | /ve] [/t TYPE] [/s SEP] [/d DATA] [/f]`: creates the key and sets the
    /// value. An existing value is replaced only when `force` is set or `confirm` agrees.
    /// Returns false when the user declined.
    @discardableResult
    public static func add(_ sandbox: Sandbox, _ key: RegistryPath, value: RegistryValue, force: Bool,
                           confirm: (String) -> Bool) throws -> Bool {
        if !force, try sandbox.read({ try $0.value(key, value.name) }) != nil,
           !confirm("Value \(value.name.isEmpty ? "(Default)" : value.name) exists, overwrite(Yes/No)? ") {
            return false
        }
        try sandbox.write { registry in
            _ = try registry.createKey(key)
            try registry.setValue(key, value)
        }
        return true
    }

    /// What `reg delete` removes.
    public enum Deletion: Equatable, Sendable {
        /// The key and its tree (no /v, /ve or /va).
        case key
        /// One value (`""` for the default value, /ve).
        case value(String)
        /// Every value of the key, not its subkeys (/va).
        case allValues
    }

    /// `reg delete KEY [/v NAME | /ve | /va] [/f]`. Returns false when the user declined.
    @discardableResult
    public static func delete(_ sandbox: Sandbox, _ key: RegistryPath, _ what: Deletion, shownAs name: String, force: Bool,
                              confirm: (String) -> Bool) throws -> Bool {
        if !force {
            let question: String
            switch what {
            case .key: question = "Permanently delete the registry key \(name) (Yes/No)? "
            case .value(let value): question = "Delete the registry value \(value.isEmpty ? "(Default)" : value) (Yes/No)? "
            case .allValues: question = "Delete all values under the registry key \(name) (Yes/No)? "
            }
            if !confirm(question) { return false }
        }
        let missing = "ERROR: The system was unable to find the specified registry key or value."
        try sandbox.write { registry in
            guard try registry.key(key) != nil else { throw SandboxError(missing) }
            switch what {
            case .key:
                _ = try registry.deleteKey(key)
            case .value(let value):
                guard try registry.deleteValue(key, value) else { throw SandboxError(missing) }
            case .allValues:
                for value in try registry.values(key) { _ = try registry.deleteValue(key, value.name) }
            }
        }
        return true
    }
}

extension RegistryValueType {
    /// The type `reg add /t` names (case-insensitive), as its number; nil for any other name.
    public static func named(_ name: String) -> UInt32? {
        let types: [String: UInt32] = ["REG_NONE": 0, "REG_SZ": 1, "REG_EXPAND_SZ": 2, "REG_BINARY": 3, "REG_DWORD": 4,
                                       "REG_DWORD_LITTLE_ENDIAN": 4, "REG_DWORD_BIG_ENDIAN": 5, "REG_MULTI_SZ": 7, "REG_QWORD": 11]
        return types[name.uppercased()]
    }
}

/// Numbers as reg add reads `/d`.
enum RegNumber {
    /// `wcstoul`-style: blanks, a sign, then decimal digits, or hexadecimal when the second
    /// character is `x` (`0x1F`); the whole text must be read and its magnitude fit `max`. A minus
    /// negates within the width (`max` is 2^32-1 or 2^64-1), as `wcstoul` and `_wcstoui64` do.
    static func parse(_ text: [UInt16], max: UInt64) -> UInt64? {
        let hex = text.count > 1 && (text[1] == 0x78 || text[1] == 0x58)
        var i = 0
        while i < text.count, text[i] == 0x20 || (0x09...0x0D).contains(text[i]) { i += 1 }
        var negative = false
        if i < text.count, text[i] == 0x2B || text[i] == 0x2D { negative = text[i] == 0x2D; i += 1 }
        if hex, i + 1 < text.count, text[i] == 0x30, text[i + 1] == 0x78 || text[i + 1] == 0x58 { i += 2 }
        var value: UInt64 = 0
        let start = i
        while i < text.count, let digit = RegFileReader.hexValue(text[i]), hex || digit < 10 {
            let (times, o1) = value.multipliedReportingOverflow(by: hex ? 16 : 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            value = sum
            i += 1
        }
        // No digit read: the text must be empty (wcstoul leaves the whole text unread).
        if i == start { return text.isEmpty ? 0 : nil }
        guard i == text.count, value <= max else { return nil }
        return negative ? (0 &- value) & max : value
    }

    /// `/d` of REG_BINARY: pairs of hex digits, a lone first digit standing for its own byte.
    static func hexBytes(_ text: [UInt16]) -> [UInt8]? {
        var bytes: [UInt8] = []
        var i = 0
        if text.count % 2 == 1 {
            guard let nibble = RegFileReader.hexValue(text[0]) else { return nil }
            bytes.append(UInt8(nibble))
            i = 1
        }
        while i + 1 < text.count {
            guard let high = RegFileReader.hexValue(text[i]), let low = RegFileReader.hexValue(text[i + 1]) else { return nil }
            bytes.append(UInt8(high << 4 | low))
            i += 2
        }
        return bytes
    }
}
