/// The services of a device's stack, from the registry values Windows builds it from: the
/// device's `UpperFilters`/`LowerFilters` (`Enum\<id>`), its class's (`Control\Class\{guid}`) and
/// its `Service`.
public struct DeviceStack: Hashable, Sendable {
    /// The device's setup class (`ClassGUID`, `Class`), nil for a device not set up.
    public var classGuid: String?
    public var className: String?
    public var upperClassFilters: [String] = []
    public var upperFilters: [String] = []
    /// The function driver's service, nil for a device without one (raw, or not installed).
    public var function: String?
    public var lowerClassFilters: [String] = []
    public var lowerFilters: [String] = []

    /// Top to bottom, as the PnP manager stacks them: upper class filters over upper device
    /// filters over the function driver over lower class filters over lower device filters
    /// (device filters load before class filters of the same side, so they sit below them).
    public var servicesTopDown: [String] {
        upperClassFilters + upperFilters + (function.map { [$0] } ?? []) + lowerClassFilters + lowerFilters
    }
}

extension DeviceStack {
    /// The stack of `device` as the registry describes it now.
    init(device: DeviceNode, registry: RegistryStore) throws {
        let enumValues = try registry.values(device.enumKey)
        func value(_ values: [RegistryValue], _ name: String) -> RegistryValue? {
            values.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        }
        func multi(_ values: [RegistryValue], _ name: String) -> [String] {
            value(values, name)?.multiStringValue.filter { !$0.isEmpty } ?? []
        }
        upperFilters = multi(enumValues, "UpperFilters")
        lowerFilters = multi(enumValues, "LowerFilters")
        function = value(enumValues, "Service")?.stringValue
        if function?.isEmpty == true { function = nil }
        className = value(enumValues, "Class")?.stringValue
        if let guid = value(enumValues, "ClassGUID")?.stringValue, !guid.isEmpty,
           let classKey = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class")?.appending(guid) {
            classGuid = guid
            let classValues = try registry.values(classKey)
            upperClassFilters = multi(classValues, "UpperFilters")
            lowerClassFilters = multi(classValues, "LowerFilters")
        }
    }

    /// The filter services, top down.
    var filters: [String] { upperClassFilters + upperFilters + lowerClassFilters + lowerFilters }
}

extension Devices {
    /// The stack of `device`, read from the registry.
    public static func stack(of device: DeviceNode, _ sandbox: Sandbox) throws -> DeviceStack {
        try sandbox.read { try DeviceStack(device: device, registry: $0) }
    }
}
