/// A registry key path: a root and its subkey names (`HKLM\SYSTEM\CurrentControlSet\Services`).
public struct RegistryPath: Hashable, Sendable, CustomStringConvertible {
    /// `HKEY_LOCAL_MACHINE`, `HKEY_USERS` or `HKEY_CURRENT_USER` (HKCR is HKLM\SOFTWARE\Classes).
    public var root: String
    public var components: [String]

    public init(root: String, components: [String]) { self.root = root; self.components = components }

    /// Parses a path with any of the usual root spellings; `CurrentControlSet` becomes ControlSet001,
    /// the control set the sandbox boots from. Nil when the root is unknown.
    public init?(_ text: String) {
        let parts = text.split(separator: "\\", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return nil }
        var rest = Array(parts.dropFirst())
        switch first.uppercased() {
        case "HKLM", "HKEY_LOCAL_MACHINE": root = "HKEY_LOCAL_MACHINE"
        case "HKU", "HKEY_USERS": root = "HKEY_USERS"
        case "HKCU", "HKEY_CURRENT_USER": root = "HKEY_CURRENT_USER"
        case "HKCR", "HKEY_CLASSES_ROOT": root = "HKEY_LOCAL_MACHINE"; rest = ["SOFTWARE", "Classes"] + rest
        default: return nil
        }
        components = Self.resolvingCurrentControlSet(root: root, rest)
    }

    /// `SYSTEM\CurrentControlSet` is an alias of `SYSTEM\ControlSet001`, resolved on every access.
    static func resolvingCurrentControlSet(root: String, _ components: [String]) -> [String] {
        var c = components
        if root == "HKEY_LOCAL_MACHINE", c.count >= 2, c[0].uppercased() == "SYSTEM", c[1].uppercased() == "CURRENTCONTROLSET" {
            c[1] = "ControlSet001"
        }
        return c
    }

    public var description: String { ([root] + components).joined(separator: "\\") }

    public func appending(_ subkey: String) -> RegistryPath {
        RegistryPath(root: root, components: Self.resolvingCurrentControlSet(
            root: root, components + subkey.split(separator: "\\", omittingEmptySubsequences: true).map(String.init)))
    }

    static func fold(_ s: String) -> String { s.uppercased() }
}

/// How reg.exe names keys in its output: the key as the user typed it (root spelled out, and
/// `CurrentControlSet` or `HKCR` kept as written), then the stored names of the subkeys under it.
public struct RegistryKeyNames: Sendable {
    let base: RegistryPath
    let typed: String

    /// Names for the tree under `resolved`, the key `text` stands for (in the chosen registry view).
    public init(typed text: String, resolved: RegistryPath) {
        var parts = text.split(separator: "\\", omittingEmptySubsequences: true).map(String.init)
        let roots = ["HKLM": "HKEY_LOCAL_MACHINE", "HKU": "HKEY_USERS", "HKCU": "HKEY_CURRENT_USER", "HKCR": "HKEY_CLASSES_ROOT"]
        if let first = parts.first { parts[0] = roots[first.uppercased()] ?? first.uppercased() }
        typed = parts.joined(separator: "\\")
        base = resolved
    }

    /// The name reg.exe prints for `path`: the typed key and the rest of the path below it.
    public func name(of path: RegistryPath) -> String {
        let prefix = base.components.count
        guard path.root == base.root, path.components.count >= prefix,
              zip(path.components, base.components).allSatisfy({ RegistryPath.fold($0) == RegistryPath.fold($1) }) else { return path.description }
        return ([typed] + path.components.dropFirst(prefix)).joined(separator: "\\")
    }
}
