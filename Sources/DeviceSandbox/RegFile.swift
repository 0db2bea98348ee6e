import Foundation

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
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes.append(UInt8(u & 0xFF)); bytes.append(UInt8(u >> 8)) }
        return bytes
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

    /// Parses a `.reg` file (bytes as read); errors name the line.
    public static func parse(_ bytes: [UInt8], path: String) throws -> [Change] {
        var text: String
        let regedit4: Bool
        if bytes.starts(with: [0xFF, 0xFE]) {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
            text = String(decoding: units, as: UTF16.self)
        } else {
            text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        }
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first?.trimmingWhitespace() else { throw SandboxError("\(path):1: error: empty file") }
        if first == header { regedit4 = false } else if first == "REGEDIT4" { regedit4 = true } else {
            throw SandboxError("\(path):1: error: not a registry file (expected '\(header)' or 'REGEDIT4')")
        }
        lines.removeFirst()
        var changes: [Change] = []
        var current: RegistryPath?
        var i = 0
        while i < lines.count {
            let number = i + 2
            var line = lines[i].trimmingWhitespace()
            i += 1
            while line.hasSuffix("\\") && i < lines.count {   // continued hex data
                line = String(line.dropLast()) + lines[i].trimmingWhitespace()
                i += 1
            }
            if line.isEmpty || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let inner = String(line.dropFirst().dropLast())
                let delete = inner.hasPrefix("-")
                guard let key = RegistryPath(delete ? String(inner.dropFirst()) : inner) else {
                    throw SandboxError("\(path):\(number): error: unknown registry root in [\(inner)]")
                }
                if delete { changes.append(.deleteKey(key)); current = nil } else { changes.append(.createKey(key)); current = key }
                continue
            }
            guard let key = current else { throw SandboxError("\(path):\(number): error: a value line outside any [key]") }
            let (name, rest) = try splitName(line, path: path, line: number)
            if rest == "-" { changes.append(.deleteValue(key, name)); continue }
            changes.append(.setValue(key, try value(name: name, rest, regedit4: regedit4, path: path, line: number)))
        }
        return changes
    }

    static func splitName(_ line: String, path: String, line number: Int) throws -> (String, String) {
        if line.hasPrefix("@=") { return ("", String(line.dropFirst(2))) }
        guard line.hasPrefix("\"") else { throw SandboxError("\(path):\(number): error: expected \"name\"= or @=") }
        var name = "", escaped = false
        var index = line.index(after: line.startIndex)
        while index < line.endIndex {
            let c = line[index]
            if escaped { name.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { name.append(c) }
            index = line.index(after: index)
        }
        guard index < line.endIndex else { throw SandboxError("\(path):\(number): error: the value name has no closing quote") }
        let after = line[line.index(after: index)...]
        guard after.hasPrefix("=") else { throw SandboxError("\(path):\(number): error: expected '=' after the value name") }
        return (name, String(after.dropFirst()))
    }

    static func value(name: String, _ text: String, regedit4: Bool, path: String, line number: Int) throws -> RegistryValue {
        if text.hasPrefix("\"") {
            guard text.hasSuffix("\""), text.count >= 2 else { throw SandboxError("\(path):\(number): error: unterminated string") }
            var s = "", escaped = false
            for c in text.dropFirst().dropLast() {
                if escaped { s.append(c); escaped = false } else if c == "\\" { escaped = true } else { s.append(c) }
            }
            return .string(name, s)
        }
        if text.lowercased().hasPrefix("dword:") {
            guard let v = UInt32(text.dropFirst(6), radix: 16) else { throw SandboxError("\(path):\(number): error: bad dword '\(text)'") }
            return .dword(name, v)
        }
        if text.lowercased().hasPrefix("hex") {
            var type: UInt32 = 3
            var rest = text.dropFirst(3)
            if rest.hasPrefix("(") {
                guard let close = rest.firstIndex(of: ")"), let t = UInt32(rest[rest.index(after: rest.startIndex)..<close], radix: 16) else {
                    throw SandboxError("\(path):\(number): error: bad hex type in '\(text.prefix(12))'")
                }
                type = t
                rest = rest[rest.index(after: close)...]
            }
            guard rest.hasPrefix(":") else { throw SandboxError("\(path):\(number): error: expected ':' after hex") }
            let fields = rest.dropFirst().split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            var data: [UInt8] = []
            for f in fields {
                guard let b = UInt8(f, radix: 16) else { throw SandboxError("\(path):\(number): error: '\(f)' is not a hex byte") }
                data.append(b)
            }
            // REGEDIT4 stores REG_EXPAND_SZ and REG_MULTI_SZ as 8-bit text; the registry holds UTF-16.
            if regedit4 && (type == 2 || type == 7) { data = data.flatMap { [$0, 0] } }
            return RegistryValue(name: name, type: type, data: data)
        }
        throw SandboxError("\(path):\(number): error: unknown value form '\(text.prefix(20))'")
    }
}
