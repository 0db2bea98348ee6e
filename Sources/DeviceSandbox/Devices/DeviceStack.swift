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

extension Devices {
    /// The stack of `device`, read from the registry.
    public static func stack(of device: DeviceNode, _ sandbox: Sandbox) throws -> DeviceStack {
        try sandbox.read { registry in
            var stack = DeviceStack()
            let enumValues = try registry.values(device.enumKey)
            func multi(_ values: [RegistryValue], _ name: String) -> [String] {
                values.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.multiStringValue.filter { !$0.isEmpty } ?? []
            }
            stack.upperFilters = multi(enumValues, "UpperFilters")
            stack.lowerFilters = multi(enumValues, "LowerFilters")
            stack.function = enumValues.first { $0.name.caseInsensitiveCompare("Service") == .orderedSame }?.stringValue
            if stack.function?.isEmpty == true { stack.function = nil }
            stack.className = enumValues.first { $0.name.caseInsensitiveCompare("Class") == .orderedSame }?.stringValue
            if let guid = enumValues.first(where: { $0.name.caseInsensitiveCompare("ClassGUID") == .orderedSame })?.stringValue, !guid.isEmpty,
               let classKey = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class")?.appending(guid) {
                stack.classGuid = guid
                let classValues = try registry.values(classKey)
                stack.upperClassFilters = multi(classValues, "UpperFilters")
                stack.lowerClassFilters = multi(classValues, "LowerFilters")
            }
            return stack
        }
    }
}
