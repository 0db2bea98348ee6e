import Foundation
import INFSyntax

/// regedit's `.reg` files: export in "Windows Registry Editor Version 5.00" form (UTF-16LE with BOM,
/// CRLF, hex data wrapped as regedit wraps it), import of that form and of `REGEDIT4`.
public enum RegFile {
    public static let header = "Windows Registry Editor Version 5.00"

    /// The text regedit writes for the keys (each with its values); `names` spells the keys as
    /// `reg export` does (the key as typed).
    public static func export(_ keys: [(path: RegistryPath, values: [RegistryValue])], names: RegistryKeyNames? = nil) -> String {
        var out = header + "\r\n\r\n"
        for (path, values) in keys {
            out += "[\(names?.name(of: path) ?? path.description)]\r\n"
            for value in values { out += line(for: value) + "\r\n" }
            out += "\r\n"
        }
        return out
    }

    /// The bytes of an export: UTF-16LE with a BOM.
    public static func encode(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + TextConversion.utf16LEBytes(text.utf16)
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// One value as regedit writes it. REG_SZ is always a string: the data less its last unit (the
    /// terminator), up to the first NUL (Wine's reg export tests, which pass on Windows, pin this).
    static func line(for value: RegistryValue) -> String {
        let name = value.name.isEmpty ? "@=" : quoted(value.name) + "="
        if value.type == 1 {
            let text = RegistryValue.utf16Units(value.data).dropLast().prefix { $0 != 0 }
            return name + quoted(String(decoding: text, as: UTF16.self))
        }
        if value.type == 4 && value.data.count == 4 { return name + String(format: "dword:%08x", UInt32(value.integerValue)) }
        let prefix = value.type == 3 ? "hex:" : "hex(\(String(value.type, radix: 16))):"
        return name + prefix + hexData(value.data, lineLength: name.utf16.count + prefix.utf16.count)
    }

    /// `xx,xx,…` with regedit's wrapping: a `\` and a new line indented two spaces once a line
    /// reaches 77 characters.
    static func hexData(_ data: [UInt8], lineLength start: Int) -> String {
        var out = ""
        var lineLength = start
        for (i, b) in data.enumerated() {
            out += String(format: "%02x", b)
            if i == data.count - 1 { break }
            out += ","
            lineLength += 3
            if lineLength >= 77 {
                out += "\\\r\n  "
                lineLength = 2
            }
        }
        return out
    }

    /// A change a `.reg` file asks for.
    public enum Change: Equatable, Sendable {
        case createKey(RegistryPath)
        case deleteKey(RegistryPath)
        case setValue(RegistryPath, RegistryValue)
        case deleteValue(RegistryPath, String)
    }
}
