import INFModel

extension RegistryPath {
    /// Subkeys of `SOFTWARE\Classes` the WOW64 registry redirector still gives the 32-bit view its own
    /// copy of (Windows 7 and later); the rest of Classes is shared.
    static let redirectedClassesSubkeys: Set<String> = ["CLSID", "DIRECTSHOW", "INTERFACE", "MEDIA TYPE", "MEDIAFOUNDATION"]

    /// Where this key is in the 32-bit view of a 64-bit machine (the registry redirector, as
    /// `KEY_WOW64_32KEY` opens it): `HKLM\SOFTWARE\…` under `SOFTWARE\WOW6432Node`, and the
    /// redirected Classes subkeys under `Classes\WOW6432Node`. Shared keys are themselves.
    public var in32BitView: RegistryPath {
        let folded = components.map { $0.uppercased() }
        guard folded.first == "SOFTWARE", folded.dropFirst().first != "WOW6432NODE" else { return self }
        if folded.dropFirst().first == "CLASSES" {
            guard folded.count >= 3, Self.redirectedClassesSubkeys.contains(folded[2]) else { return self }
            return RegistryPath(root: root, components: Array(components.prefix(2)) + ["WOW6432Node"] + components.dropFirst(2))
        }
        guard root == "HKEY_LOCAL_MACHINE" else { return self }   // HKCU\Software is shared
        return RegistryPath(root: root, components: [components[0], "WOW6432Node"] + components.dropFirst())
    }
}

extension Architecture {
    /// Whether Windows on this architecture has a separate 32-bit registry view (WOW64).
    public var hasRegistryViews: Bool { ![.x86, .arm].contains(self) }
}
