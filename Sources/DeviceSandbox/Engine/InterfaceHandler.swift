import INFModel

/// `AddInterface = {InterfaceClassGUID}[, ReferenceString[, add-interface-section[, flags]]]` in a
/// `DDInstall.Interfaces` section (installer.md §5): the interface under `Control\DeviceClasses`, its
/// `Device Parameters` as HKR for the add-interface section's registry directives.
enum InterfaceHandler {
    static let deviceClasses = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\DeviceClasses")!

    static func addInterface(_ line: INFLine, instanceID: String, _ context: InstallContext, _ registry: RegistryStore) throws {
        guard let guid = line.nonEmptyField(1)?.lowercased(), guid.hasPrefix("{"), guid.hasSuffix("}"), guid.count == 38 else {
            context.skip(line, field: 1, "AddInterface needs an interface class GUID in braces; the line is skipped")
            return
        }
        let reference = line.nonEmptyField(2) ?? ""
        let symbolic = keyPrefix(of: instanceID) + guid
        let interfaceKey = deviceClasses.appending(guid).appending(symbolic)
        try registry.setValue(interfaceKey, .string("DeviceInstance", instanceID))
        let referenceKey = interfaceKey.appending("#" + reference)
        try registry.setValue(referenceKey, .string("SymbolicLink", symbolicLink(interfaceKey: symbolic, reference: reference)))
        context.note("     dvi: Interface \(guid) of \(instanceID)\(reference.isEmpty ? "" : " (\(reference))")")
        if let section = line.nonEmptyField(3) {
            try ServiceHandler.applyRegistry(of: section, hkr: referenceKey.appending("Device Parameters"), context, registry)
            try PropertyHandler.apply(in: section, context, registry)
        }
    }

    /// Every AddInterface line of `section` (a `.Interfaces` companion) for the device.
    static func addInterfaces(in section: String, instanceID: String, _ context: InstallContext, _ registry: RegistryStore) throws {
        for line in context.document.lines(in: section, key: "AddInterface") {
            try addInterface(context.installLine(line), instanceID: instanceID, context, registry)
        }
    }

    /// How the key of each of a device's interfaces starts: `##?#ROOT#ECHO#0000#` (then the class GUID).
    static func keyPrefix(of instanceID: String) -> String {
        "##?#" + instanceID.replacingOccurrences(of: "\\", with: "#") + "#"
    }

    /// The path programs open for an interface: its key name (`##?#ROOT#ECHO#0000#{guid}`) as
    /// `\\?\ROOT#ECHO#0000#{guid}`, with `\ref` for a reference string.
    static func symbolicLink(interfaceKey name: String, reference: String) -> String {
        "\\\\?\\" + name.dropFirst(4) + (reference.isEmpty ? "" : "\\" + reference)
    }

    /// Removes the interfaces registered for `instanceID` (the device is being removed).
    static func removeInterfaces(of instanceID: String, _ registry: RegistryStore) throws {
        let symbolicPrefix = keyPrefix(of: instanceID).uppercased()
        for guid in try registry.subkeys(deviceClasses) {
            for name in try registry.subkeys(deviceClasses.appending(guid)) where name.uppercased().hasPrefix(symbolicPrefix) {
                _ = try registry.deleteKey(deviceClasses.appending(guid).appending(name))
            }
        }
    }
}
