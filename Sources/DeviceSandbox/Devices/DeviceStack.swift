import GRDB

/// The services of a device's stack, from what Windows builds it from: the device's
/// `UpperFilters`/`LowerFilters` (`Enum\<id>`), its declarative filters (`AddFilter`), its class's
/// filters (`Control\Class\{guid}`) and its `Service`. Filter lists are in load order, as the
/// registry values hold them: the first upper filter sits just above the function driver, the
/// first lower filter just above the bus driver.
public struct DeviceStack: Hashable, Sendable {
    /// The device's setup class (`ClassGUID`, `Class`), nil for a device not set up.
    public var classGuid: String?
    public var className: String?
    public var upperClassFilters: [String] = []
    /// The device's `UpperFilters` value (what `SPDRP_UPPERFILTERS` and devcon show).
    public var upperFilters: [String] = []
    /// `UpperFilters` merged with the upper declarative filters (`DEVPKEY_Device_CompoundUpperFilters`).
    public var compoundUpperFilters: [String] = []
    /// The function driver's service, nil for a device without one (raw, or not installed).
    public var function: String?
    public var lowerClassFilters: [String] = []
    public var lowerFilters: [String] = []
    public var compoundLowerFilters: [String] = []

    /// Top to bottom: upper class filters over the device's upper filters over the function driver
    /// over lower class filters over the device's lower filters (device filters load before class
    /// filters of the same side, so they sit nearer the function driver above it and nearer the bus
    /// driver below it; each list loads first to last, bottom up).
    public var servicesTopDown: [String] {
        upperClassFilters.reversed() + compoundUpperFilters.reversed() + (function.map { [$0] } ?? [])
            + lowerClassFilters.reversed() + compoundLowerFilters.reversed()
    }
}

extension DeviceStack {
    /// The stack of `device` as the registry and its declarative filters describe it now.
    init(device: DeviceNode, registry: RegistryStore) throws {
        let enumValues = try registry.values(device.enumKey)
        let parameters = try registry.values(device.enumKey.appending("Device Parameters"))
        upperFilters = enumValues.strings(named: "UpperFilters")
        lowerFilters = enumValues.strings(named: "LowerFilters")
        function = enumValues.named("Service")?.stringValue
        if function?.isEmpty == true { function = nil }
        className = enumValues.named("Class")?.stringValue
        if let guid = enumValues.named("ClassGUID")?.stringValue, !guid.isEmpty,
           let classKey = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class")?.appending(guid) {
            classGuid = guid
            let classValues = try registry.values(classKey)
            upperClassFilters = classValues.strings(named: "UpperFilters")
            lowerClassFilters = classValues.strings(named: "LowerFilters")
        }
        // The filter levels a base INF defines with its .HW AddReg (HKR: the device's hardware key).
        let levelValues = enumValues + parameters
        let declarative = try Row.fetchAll(registry.db, sql: "SELECT service, position, level FROM device_filter WHERE device = ? ORDER BY ordinal",
                                           arguments: [device.instanceID])
            .map { (service: $0["service"] as String, position: $0["position"] as String?, level: $0["level"] as String?) }
        compoundUpperFilters = Self.compound(legacy: upperFilters, side: "upper", levels: levelValues.strings(named: "UpperFilterLevels"),
                                             defaultLevel: levelValues.named("UpperFilterDefaultLevel")?.stringValue, declarative)
        compoundLowerFilters = Self.compound(legacy: lowerFilters, side: "lower", levels: levelValues.strings(named: "LowerFilterLevels"),
                                             defaultLevel: levelValues.named("LowerFilterDefaultLevel")?.stringValue, declarative)
    }

    /// One side's filters as "Device filter driver ordering" merges them: by the levels the base INF
    /// defines, the filters without a level (the registry value's, and FilterPosition ones) in the
    /// default level (the last one when none is named); without levels, the registry value's filters
    /// then the positional ones. A filter registered at a level this side does not define is left out.
    static func compound(legacy: [String], side: String, levels: [String], defaultLevel: String?,
                         _ declarative: [(service: String, position: String?, level: String?)]) -> [String] {
        let positional = declarative.filter { $0.position == side }.map(\.service)
        guard let last = levels.last else { return legacy + positional }
        let home = levels.first { $0.caseInsensitiveCompare(defaultLevel ?? "") == .orderedSame } ?? last
        var result: [String] = []
        for level in levels {
            if level == home { result += legacy + positional }
            result += declarative.filter { $0.level?.caseInsensitiveCompare(level) == .orderedSame }.map(\.service)
        }
        return result
    }

    /// Every filter service the stack loads.
    var filters: [String] { upperClassFilters + compoundUpperFilters + lowerClassFilters + compoundLowerFilters }
}

extension Devices {
    /// The stack of `device`, read from the registry.
    public static func stack(of device: DeviceNode, _ sandbox: Sandbox) throws -> DeviceStack {
        try sandbox.read { try DeviceStack(device: device, registry: $0) }
    }
}
