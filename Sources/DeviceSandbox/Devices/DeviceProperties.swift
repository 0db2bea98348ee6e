import INFModel

/// A property stored under a device's `Enum\<instance>\Properties` key (as AddProperty stores it),
/// decoded by its type.
public struct StoredDeviceProperty: Sendable, Hashable {
    public var key: DevicePropertyKey
    public var type: DevicePropertyType
    public var data: [UInt8]

    /// The key's `devpkey.h` name when drvkit knows it (`DEVPKEY_DrvPkg_Model`).
    public var name: String? { NamedDeviceProperty(key: key)?.devpkeyName }

    /// The value as its type reads: strings, a string list, a boolean, a number, or bytes.
    public enum Value: Sendable, Hashable {
        case string(String), strings([String]), boolean(Bool), number(UInt32), bytes([UInt8])
    }

    public var value: Value {
        switch type {
        case .string: return .string(RegistryValue(name: "", type: 1, data: data).stringValue)
        case .stringList: return .strings(RegistryValue(name: "", type: 7, data: data).multiStringValue)
        case .boolean where data.count == 1: return .boolean(data[0] != 0)
        case .uint32 where data.count == 4: return .number(data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) })
        default: return .bytes(data)
        }
    }
}

extension Devices {
    /// The properties of a device (by category, then identifier); throws when there is no such device.
    public static func properties(of instanceID: String, _ sandbox: Sandbox) throws -> [StoredDeviceProperty] {
        let device = try device(instanceID, sandbox)
        return try sandbox.read { registry in
            let root = device.enumKey.appending("Properties")
            var found: [StoredDeviceProperty] = []
            for category in try registry.subkeys(root) {
                guard let guid = BracedGUID.normalized(category) else { continue }
                for identifier in try registry.subkeys(root.appending(category)) {
                    guard let pid = UInt32(identifier, radix: 16),
                          let value = try registry.value(root.appending(category).appending(identifier), ""),
                          value.type & 0xFFFF_0000 == 0xFFFF_0000 else { continue }
                    found.append(StoredDeviceProperty(key: DevicePropertyKey(category: guid, identifier: pid),
                                                      type: DevicePropertyType(rawValue: value.type & 0xFFFF), data: value.data))
                }
            }
            return found.sorted { ($0.key.category, $0.key.identifier) < ($1.key.category, $1.key.identifier) }
        }
    }
}
