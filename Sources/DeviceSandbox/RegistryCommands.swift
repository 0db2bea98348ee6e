import Foundation

/// The registry tools' logic (reg.exe and regedit), used by the thin CLI commands.
public enum RegistryTools {
    /// A key as reg.exe reads it: a root (HKLM, HKU, HKCU, HKCR or their long names), then the
    /// path; one trailing `\` is allowed, two are not, nor a root followed by `\` alone.
    public static func parseKey(_ text: String) throws -> RegistryPath {
        if text.hasPrefix("\\\\") && !text.hasPrefix("\\\\\\") {
            throw SandboxError("ERROR: '\(text)' names a remote machine; the sandbox has only its own registry")
        }
        let parts = text.split(separator: "\\", maxSplits: 1, omittingEmptySubsequences: false)
        guard text.utf16.count >= 3, !text.hasPrefix("\\"), !text.hasSuffix("\\\\"), parts.count == 1 || !parts[1].isEmpty, let path = RegistryPath(text) else {
            throw SandboxError("ERROR: Invalid key name '\(text)': it must start with a registry root (HKLM, HKU, HKCU or HKCR)")
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

    /// reg.exe's query output; `names` spells the keys as reg.exe does (the key as typed).
    ///
    /// The layout is reg.exe's (Wine's reg tests, which pass on Windows, pin it): a blank line, then
    /// the key's name and values followed by a blank line when it has values, then its subkeys' names;
    /// with /s every key below is printed with its values and a blank line, values or not.
    public static func query(_ sandbox: Sandbox, _ key: RegistryPath, recursive: Bool, names: RegistryKeyNames? = nil) throws -> String {
        try sandbox.read { registry in
            guard try registry.key(key) != nil else { throw SandboxError("ERROR: The system was unable to find the specified registry key or value.") }
            var out = "\r\n"
            func name(_ path: RegistryPath) -> String { names?.name(of: path) ?? path.description }
            func block(_ path: RegistryPath, below: Bool) throws {
                let values = try registry.values(path)
                if !values.isEmpty || below { out += name(path) + "\r\n" }
                for v in values { out += line(v) }
                if !values.isEmpty || below { out += "\r\n" }
                for child in try registry.subkeys(path) {
                    if recursive { try block(path.appending(child), below: true) } else { out += name(path.appending(child)) + "\r\n" }
                }
            }
            try block(key, below: false)
            return out
        }
    }

    /// reg.exe's output for `reg query KEY /v NAME` (or `/ve` when `name` is empty): the key and the
    /// value, or with /s every key below that has it, then how many were found.
    public static func queryValue(_ sandbox: Sandbox, _ key: RegistryPath, name: String, recursive: Bool,
                                  names: RegistryKeyNames? = nil) throws -> String {
        try sandbox.read { registry in
            guard try registry.key(key) != nil else { throw SandboxError("ERROR: The system was unable to find the specified registry key or value.") }
            var out = "\r\n"
            var found = 0
            func search(_ path: RegistryPath) throws {
                if var v = try registry.value(path, name) {
                    v.name = name   // reg.exe prints the name as typed, not as stored
                    out += (names?.name(of: path) ?? path.description) + "\r\n" + line(v) + "\r\n"
                    found += 1
                }
                if recursive { for child in try registry.subkeys(path) { try search(path.appending(child)) } }
            }
            try search(key)
            if recursive {
                out += "End of search: \(found) match(es) found.\r\n"
            } else if found == 0 {
                // An unset default value is listed as such; any other missing value is an error.
                guard name.isEmpty else { throw SandboxError("ERROR: The system was unable to find the specified registry key or value.") }
                out += (names?.name(of: key) ?? key.description) + "\r\n    (Default)    REG_SZ    (value not set)\r\n"
            }
            return out
        }
    }

    /// One value as reg query lists it.
    static func line(_ v: RegistryValue) -> String {
        "    \(v.name.isEmpty ? "(Default)" : v.name)    \(v.knownType?.name ?? "REG_0x\(String(v.type, radix: 16))")    \(display(v))\r\n"
    }

    static func display(_ v: RegistryValue) -> String {
        switch v.knownType {
        case .string, .expandString: return v.stringValue
        case .dword, .qword: return "0x" + String(v.integerValue, radix: 16)
        case .multiString: return v.multiStringValue.joined(separator: "\\0")
        default: return v.data.map { String(format: "%02X", $0) }.joined()
        }
    }

    /// Applies a `.reg` file in one transaction, as `reg import` reads it; returns the lines it
    /// passed over.
    @discardableResult
    public static func importFile(_ sandbox: Sandbox, bytes: [UInt8], path: String) throws -> [RegFile.IgnoredLine] {
        let contents = try RegFile.read(bytes, path: path)
        try sandbox.write { registry in
            for change in contents.changes {
                switch change {
                case .createKey(let key): try registry.createKey(key)
                case .deleteKey(let key): try registry.deleteKey(key)
                case .setValue(let key, let value): try registry.setValue(key, value)
                case .deleteValue(let key, let name): try registry.deleteValue(key, name)
                }
            }
        }
        return contents.ignored
    }
}
