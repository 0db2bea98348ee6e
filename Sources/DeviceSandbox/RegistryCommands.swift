import Foundation

/// The registry tools' logic (reg.exe and regedit), used by the thin CLI commands.
public enum RegistryTools {
    public static func parseKey(_ text: String) throws -> RegistryPath {
        guard let path = RegistryPath(text) else {
            throw SandboxError("error: '\(text)' does not start with a registry root (HKLM, HKU, HKCU or HKCR)")
        }
        return path
    }

    /// The keys and values under `key` (itself first).
    public static func snapshot(_ sandbox: Sandbox, _ key: RegistryPath) throws -> [(path: RegistryPath, values: [RegistryValue])] {
        try sandbox.read { registry in
            guard try registry.key(key) != nil else { throw SandboxError("ERROR: The system was unable to find the specified registry key or value.") }
            return try registry.tree(key).map { ($0, try registry.values($0)) }
        }
    }

    /// reg.exe's query output.
    public static func query(_ sandbox: Sandbox, _ key: RegistryPath, recursive: Bool) throws -> String {
        try sandbox.read { registry in
            guard try registry.key(key) != nil else { throw SandboxError("ERROR: The system was unable to find the specified registry key or value.") }
            var out = ""
            func block(_ path: RegistryPath) throws {
                out += "\r\n\(path)\r\n"
                for v in try registry.values(path) { out += "    \(v.name.isEmpty ? "(Default)" : v.name)    \(v.knownType?.name ?? "REG_0x\(String(v.type, radix: 16))")    \(display(v))\r\n" }
                let children = try registry.subkeys(path)
                if recursive {
                    for child in children { try block(path.appending(child)) }
                } else {
                    if !children.isEmpty { out += "\r\n" }
                    for child in children { out += "\(path.appending(child))\r\n" }
                }
            }
            try block(key)
            return out
        }
    }

    static func display(_ v: RegistryValue) -> String {
        switch v.knownType {
        case .string, .expandString: return v.stringValue
        case .dword, .qword: return "0x" + String(v.integerValue, radix: 16)
        case .multiString: return v.multiStringValue.joined(separator: "\\0")
        default: return v.data.map { String(format: "%02X", $0) }.joined()
        }
    }

    /// Applies a `.reg` file in one transaction; returns how many changes it made.
    @discardableResult
    public static func importFile(_ sandbox: Sandbox, bytes: [UInt8], path: String) throws -> Int {
        let changes = try RegFile.parse(bytes, path: path)
        try sandbox.write { registry in
            for change in changes {
                switch change {
                case .createKey(let key): try registry.createKey(key)
                case .deleteKey(let key): try registry.deleteKey(key)
                case .setValue(let key, let value): try registry.setValue(key, value)
                case .deleteValue(let key, let name): try registry.deleteValue(key, name)
                }
            }
        }
        return changes.count
    }
}
