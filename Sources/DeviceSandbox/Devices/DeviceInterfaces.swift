/// A device interface registered under `Control\DeviceClasses` by an INF's AddInterface
/// (installer.md §5): what `pnputil /enum-interfaces` lists.
public struct DeviceInterface: Hashable, Sendable {
    /// The interface class GUID, lowercase in braces.
    public var classGuid: String
    public var instanceID: String
    /// The reference string, empty when the interface has none.
    public var referenceString: String
    /// `\\?\ROOT#ECHO#0000#{guid}` (and `\ref`): the path programs open.
    public var symbolicLink: String
    /// `FriendlyName` in the interface's `Device Parameters`, if the INF set one.
    public var friendlyName: String?
}

extension Devices {
    /// Every registered device interface, by class GUID then path, read in one transaction.
    public static func interfaces(_ sandbox: Sandbox) throws -> [DeviceInterface] {
        try sandbox.read { registry in
            let root = InterfaceHandler.deviceClasses
            var result: [DeviceInterface] = []
            for guid in try registry.subkeys(root).sorted(by: caseInsensitive) {
                for name in try registry.subkeys(root.appending(guid)).sorted(by: caseInsensitive) {
                    let interfaceKey = root.appending(guid).appending(name)
                    guard let instance = try registry.value(interfaceKey, "DeviceInstance")?.stringValue else { continue }
                    for reference in try registry.subkeys(interfaceKey).sorted(by: caseInsensitive) where reference.hasPrefix("#") {
                        let referenceKey = interfaceKey.appending(reference), referenceString = String(reference.dropFirst())
                        let friendly = try registry.value(referenceKey.appending("Device Parameters"), "FriendlyName")?.stringValue
                        let link = try registry.value(referenceKey, "SymbolicLink")?.stringValue
                            ?? InterfaceHandler.symbolicLink(interfaceKey: name, reference: referenceString)
                        result.append(DeviceInterface(classGuid: guid.lowercased(), instanceID: instance, referenceString: referenceString,
                                                      symbolicLink: link, friendlyName: friendly?.isEmpty == false ? friendly : nil))
                    }
                }
            }
            return result
        }
    }

    private static func caseInsensitive(_ a: String, _ b: String) -> Bool { a.caseInsensitiveCompare(b) == .orderedAscending }
}
