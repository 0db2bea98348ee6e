/// A device setup class installed under `Control\Class\{GUID}` (seeded, or by a ClassInstall32 section).
public struct SetupClass: Hashable, Sendable {
    /// The key name: the class GUID in braces, as written.
    public var guid: String
    /// `Class`.
    public var name: String
    /// The key's default value (`Display adapters`), else the name.
    public var description: String
    /// The class filters (`UpperFilters`, `LowerFilters`).
    public var upperFilters: [String]
    public var lowerFilters: [String]
}

extension Devices {
    /// The setup classes with a `Class` name, by GUID, read in one transaction.
    public static func setupClasses(_ sandbox: Sandbox) throws -> [SetupClass] {
        let root = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class")!
        return try sandbox.read { registry in
            try registry.subkeys(root).compactMap { guid in
                let values = try registry.values(root.appending(guid))
                guard let name = values.named("Class")?.stringValue, !name.isEmpty else { return nil }
                let description = values.named("")?.stringValue ?? ""
                return SetupClass(guid: guid, name: name, description: description.isEmpty ? name : description,
                                  upperFilters: values.strings(named: "UpperFilters"), lowerFilters: values.strings(named: "LowerFilters"))
            }
        }
    }
}
