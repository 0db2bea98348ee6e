/// A device property key (`DEVPROPKEY`): the GUID of a property category and a property
/// identifier within it.
public struct DevicePropertyKey: Hashable, Sendable, CustomStringConvertible {
    /// The category GUID in braces, lower-case (`{a8b865dd-2e3d-4094-ad97-e593a70c75d6}`).
    public var category: String
    /// The property identifier (Windows reserves 0 and 1: an INF's must be at least 2).
    public var identifier: UInt32

    public init(category: String, identifier: UInt32) {
        self.category = category.lowercased()
        self.identifier = identifier
    }

    /// Where the property lives under a device's `Properties` key: `{category}\NNNN`, the identifier
    /// in four (or more) upper-case hex digits, as SetupAPI stores it from Windows 8 on (Wine's
    /// `SetupDiSetDevicePropertyW`; real hives show `Properties\{83da6326-…}\0066`).
    public var registrySubkey: String {
        let hex = String(identifier, radix: 16, uppercase: true)
        return category + "\\" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    public var description: String { "\(category), \(identifier)" }
}

/// GUIDs as INFs write them: `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`.
public enum BracedGUID {
    /// `text` (blanks around it trimmed) as a braced 8-4-4-4-12 hexadecimal GUID in lower case, or
    /// nil when it is not one.
    public static func normalized(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}") else { return nil }
        let groups = trimmed.dropFirst().dropLast().split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12], groups.allSatisfy({ $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return trimmed.lowercased()
    }
}

/// A property data type (`DEVPROPTYPE`): a base type, possibly with the array or list modifier.
public struct DevicePropertyType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let uint32 = DevicePropertyType(rawValue: 0x7)
    public static let boolean = DevicePropertyType(rawValue: 0x11)
    public static let string = DevicePropertyType(rawValue: 0x12)
    public static let binary = DevicePropertyType(rawValue: 0x1003)
    public static let stringList = DevicePropertyType(rawValue: 0x2012)

    /// The only types an AddProperty line may give ("INF AddProperty Directive").
    public static let addPropertyTypes: [DevicePropertyType] = [.string, .stringList, .binary, .boolean, .uint32]

    /// The type's name in `devpropdef.h` (`DEVPROP_TYPE_STRING`), or its number for another type.
    public var description: String {
        switch self {
        case .uint32: return "DEVPROP_TYPE_UINT32"
        case .boolean: return "DEVPROP_TYPE_BOOLEAN"
        case .string: return "DEVPROP_TYPE_STRING"
        case .binary: return "DEVPROP_TYPE_BINARY"
        case .stringList: return "DEVPROP_TYPE_STRING_LIST"
        default: return "0x" + String(rawValue, radix: 16)
        }
    }

    /// The registry value type a property of this type is stored with (`0xFFFF0000 | type`).
    public var registryValueType: UInt32 { 0xFFFF_0000 | (rawValue & 0xFFFF) }
}

/// The properties an AddProperty or DelProperty line may name instead of giving a key: the driver
/// package properties (`DEVPKEY_DrvPkg_*`) the directive's page lists, and `GenericDriverInstalled`,
/// which Microsoft's in-box INFs set (documented for the USB Audio 2.0 driver, Windows 10 1703).
public enum NamedDeviceProperty: String, CaseIterable, Sendable {
    case deviceModel = "DeviceModel"
    case deviceVendorWebsite = "DeviceVendorWebsite"
    case deviceDetailedDescription = "DeviceDetailedDescription"
    case deviceDocumentationLink = "DeviceDocumentationLink"
    case deviceIcon = "DeviceIcon"
    case deviceBrandingIcon = "DeviceBrandingIcon"
    case genericDriverInstalled = "GenericDriverInstalled"

    static let driverPackageCategory = "{cf73bb51-3abf-44a2-85e0-9a3dc7a12132}"

    /// The name as written, compared case-insensitively.
    public init?(named name: String) {
        let folded = name.trimmingWhitespace().lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = match
    }

    /// The property key it stands for (`devpkey.h`).
    public var key: DevicePropertyKey {
        switch self {
        case .deviceModel: return DevicePropertyKey(category: Self.driverPackageCategory, identifier: 2)
        case .deviceVendorWebsite: return DevicePropertyKey(category: Self.driverPackageCategory, identifier: 3)
        case .deviceDetailedDescription: return DevicePropertyKey(category: Self.driverPackageCategory, identifier: 4)
        case .deviceDocumentationLink: return DevicePropertyKey(category: Self.driverPackageCategory, identifier: 5)
        case .deviceIcon: return DevicePropertyKey(category: Self.driverPackageCategory, identifier: 6)
        case .deviceBrandingIcon: return DevicePropertyKey(category: Self.driverPackageCategory, identifier: 7)
        case .genericDriverInstalled: return DevicePropertyKey(category: "{a8b865dd-2e3d-4094-ad97-e593a70c75d6}", identifier: 18)
        }
    }

    /// The property key's name in `devpkey.h`.
    public var devpkeyName: String {
        switch self {
        case .deviceModel: return "DEVPKEY_DrvPkg_Model"
        case .deviceVendorWebsite: return "DEVPKEY_DrvPkg_VendorWebSite"
        case .deviceDetailedDescription: return "DEVPKEY_DrvPkg_DetailedDescription"
        case .deviceDocumentationLink: return "DEVPKEY_DrvPkg_DocumentationLink"
        case .deviceIcon: return "DEVPKEY_DrvPkg_Icon"
        case .deviceBrandingIcon: return "DEVPKEY_DrvPkg_BrandingIcon"
        case .genericDriverInstalled: return "DEVPKEY_Device_GenericDriverInstalled"
        }
    }

    /// The named property whose key is `key`, if any.
    public init?(key: DevicePropertyKey) {
        guard let match = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = match
    }

    /// The property's type: the icons are string lists, GenericDriverInstalled a boolean.
    public var type: DevicePropertyType {
        switch self {
        case .deviceIcon, .deviceBrandingIcon: return .stringList
        case .genericDriverInstalled: return .boolean
        default: return .string
        }
    }
}
