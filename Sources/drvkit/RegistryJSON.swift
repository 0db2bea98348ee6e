import Foundation
import DeviceSandbox
import Reporting

/// The JSON of `reg export --json` (CLI.md): keys relative to the exported key, keys and values
/// sorted case-insensitively.
enum RegistryJSON {
    static func export(base: RegistryPath, _ keys: [(path: RegistryPath, values: [RegistryValue])]) -> JSON {
        let sorted = keys.map { (relative: $0.path.components.dropFirst(base.components.count).joined(separator: "\\"), values: $0.values) }
            .sorted { $0.relative.lowercased() < $1.relative.lowercased() }
        return .object([("keys", .array(sorted.map { key in
            .object([("path", .string(key.relative)),
                     ("values", .array(key.values.sorted { $0.name.lowercased() < $1.name.lowercased() }.map(value)))])
        }))])
    }

    /// `{"name", "type", "data"}`: strings as text, DWORD/QWORD as numbers, MULTI_SZ as a list, anything else as hex.
    static func value(_ v: RegistryValue) -> JSON {
        let data: JSON
        switch v.knownType {
        case .string, .expandString: data = .string(v.stringValue)
        case .dword, .qword: data = .uint(v.integerValue)
        case .multiString: data = .array(v.multiStringValue.map(JSON.string))
        default: data = .string(v.data.map { String(format: "%02x", $0) }.joined())
        }
        return .object([("name", .string(v.name)), ("type", .string(v.knownType?.name ?? "REG_0x\(String(v.type, radix: 16))")), ("data", data)])
    }
}
