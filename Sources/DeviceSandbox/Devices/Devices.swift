import Foundation
import GRDB
import INFModel

/// The device tree of a sandbox: adding and removing device nodes, enabling and disabling them,
/// listing their driver nodes and installing the best driver on them.
public enum Devices {
    /// An error in device terms, with the Win32 error the Windows tools report.
    public struct DeviceError: Error, Sendable, CustomStringConvertible {
        public var description: String
        public var win32Error: UInt32
        public init(_ description: String, _ win32Error: UInt32) { self.description = description; self.win32Error = win32Error }
        public static let noSuchDevInst: UInt32 = 0xE000_020B   // ERROR_NO_SUCH_DEVINST
    }

    /// What installing drivers did: the devices that got a driver, and whether a reboot is needed.
    public struct InstallOutcome: Sendable {
        public var installed: [DeviceNode] = []
        public var rebootNeeded: Bool { installed.contains { $0.rebootNeeded } }
        public var log: [String] = []
    }

    /// A device to add: its IDs, and optionally its instance ID, description and parent.
    public struct DeviceSpec: Sendable {
        public var hardwareIDs: [String]
        public var compatibleIDs: [String]
        public var instanceID: String?
        public var description: String?
        public var parent: String?
        /// Makes the instance ID `ROOT\<rootClass>\NNNN` (what `devcon install` creates).
        public var rootClass: String?

        public init(hardwareIDs: [String], compatibleIDs: [String] = [], instanceID: String? = nil, description: String? = nil,
                    parent: String? = nil, rootClass: String? = nil) {
            self.hardwareIDs = hardwareIDs; self.compatibleIDs = compatibleIDs; self.instanceID = instanceID
            self.description = description; self.parent = parent; self.rootClass = rootClass
        }
    }

    /// Adds a device node (not yet driven: Code 28 until a driver is installed). Without an instance
    /// ID it gets `<enumerator>\<device>\NNNN` from its first hardware ID (`ROOT\…` when that has no enumerator),
    /// or `ROOT\<rootClass>\NNNN` (what `devcon install` creates).
    @discardableResult
    public static func add(hardwareIDs: [String], compatibleIDs: [String] = [], instanceID: String? = nil,
                           description: String? = nil, parent: String? = nil, rootClass: String? = nil,
                           sandbox: Sandbox) throws -> DeviceNode {
        try add([DeviceSpec(hardwareIDs: hardwareIDs, compatibleIDs: compatibleIDs, instanceID: instanceID, description: description,
                            parent: parent, rootClass: rootClass)], sandbox: sandbox)[0]
    }

    /// Adds devices in one transaction (all or none).
    public static func add(_ specs: [DeviceSpec], sandbox: Sandbox) throws -> [DeviceNode] {
        try sandbox.write { registry in
            let policy = try LoadPolicy(registry: registry, sandbox: sandbox)
            return try specs.map { try add($0, registry, policy) }
        }
    }

    static func add(_ spec: DeviceSpec, _ registry: RegistryStore, _ policy: LoadPolicy) throws -> DeviceNode {
        let hardware = spec.hardwareIDs.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard let first = hardware.first else { throw DeviceError("a device needs at least one hardware ID", 87) }
        let compatible = spec.compatibleIDs.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        for id in hardware + compatible + [spec.instanceID ?? ""] where id.contains(where: { $0 == "," || $0.isNewline }) || id.count > 200 {
            throw DeviceError("'\(id)' is not a valid device ID (commas, line breaks and over 200 characters are not allowed)", 87)
        }
        let db = registry.db
        let id: String
        if let instanceID = spec.instanceID {
            id = instanceID.uppercased()
            guard id.split(separator: "\\").count >= 2, !id.contains("..") else { throw DeviceError("'\(instanceID)' is not an instance ID (ENUMERATOR\\DEVICE\\INSTANCE)", 87) }
            if try DeviceNode.named(id, db) != nil { throw DeviceError("device \(id) already exists", 0xE000_0207) }   // ERROR_DEVINST_ALREADY_EXISTS
        } else {
            id = try freeInstanceID(base: spec.rootClass.map { "ROOT\\" + $0.uppercased() } ?? instanceBase(for: first), db)
        }
        if let parent = spec.parent, try DeviceNode.named(parent, db) == nil { throw DeviceError("no parent device \(parent)", DeviceError.noSuchDevInst) }
        try db.execute(sql: "INSERT INTO device(instance_id, description, parent, hardware_ids, compatible_ids) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, spec.description ?? first, spec.parent, hardware.joined(separator: "\n"), compatible.joined(separator: "\n")])
        for (n, hw) in hardware.enumerated() { try db.execute(sql: "INSERT INTO device_id VALUES (?, ?, ?)", arguments: [id, DeviceID.fold(hw), n]) }
        for (n, c) in compatible.enumerated() { try db.execute(sql: "INSERT INTO device_id VALUES (?, ?, ?)", arguments: [id, DeviceID.fold(c), 0x1000 + n]) }
        var device = try DeviceNode.named(id, db)!
        try registry.setValue(device.enumKey, .multiString("HardwareID", hardware))
        if !compatible.isEmpty { try registry.setValue(device.enumKey, .multiString("CompatibleIDs", compatible)) }
        if let description = spec.description { try registry.setValue(device.enumKey, .string("DeviceDesc", description)) }
        try DeviceStatus.evaluate(&device, package: nil, registry: registry, policy: policy)
        try device.save(db)
        return device
    }

    /// `ROOT\SYSTEM\0000`-style IDs: the hardware ID's enumerator and device parts, and the lowest free instance number.
    static func instanceBase(for hardwareID: String) -> String {
        let parts = hardwareID.uppercased().split(separator: "\\", maxSplits: 1).map(String.init)
        return parts.count == 2 ? parts[0] + "\\" + parts[1].replacingOccurrences(of: "\\", with: "#")
                                : "ROOT\\" + parts[0].replacingOccurrences(of: "*", with: "")
    }

    static func freeInstanceID(base: String, _ db: Database) throws -> String {
        let used = Set(try String.fetchAll(db, sql: "SELECT instance_id FROM device WHERE instance_id LIKE ? ESCAPE '!'",
                                           arguments: [base.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
                                                        .replacingOccurrences(of: "_", with: "!_") + "\\%"]).map { $0.uppercased() })
        var n = 0
        while used.contains(base + "\\" + fourDigits(n)) { n += 1 }
        return base + "\\" + fourDigits(n)
    }

    /// Every device node, by instance ID.
    public static func all(_ sandbox: Sandbox) throws -> [DeviceNode] {
        try sandbox.read { try DeviceNode.all($0.db) }
    }

    /// One device node, or ERROR_NO_SUCH_DEVINST.
    public static func device(_ instanceID: String, _ sandbox: Sandbox) throws -> DeviceNode {
        guard let device = try sandbox.read({ try DeviceNode.named(instanceID, $0.db) }) else {
            throw DeviceError("no device \(instanceID)", DeviceError.noSuchDevInst)
        }
        return device
    }

    /// The device's driver nodes, best first.
    public static func driverNodes(of instanceID: String, _ sandbox: Sandbox) throws -> [DriverNode] {
        let device = try self.device(instanceID, sandbox)
        let platform = try sandbox.profile().platform
        var documents: [Int64: INFDocument] = [:]
        return try sandbox.read { try Ranking.driverNodes(for: device, $0.db, documents: &documents, sandboxRoot: sandbox.root, platform: platform) }
    }

    /// The files the device's driver installation copied (devcon driverfiles), as Windows paths.
    public static func driverFiles(of device: DeviceNode, _ sandbox: Sandbox) throws -> [String] {
        try sandbox.read { try String.fetchAll($0.db, sql: "SELECT path FROM device_file WHERE device = ? ORDER BY path", arguments: [device.instanceID]) }
    }

    /// The package a device's driver came from.
    public static func package(of device: DeviceNode, _ sandbox: Sandbox) throws -> DriverPackageRecord? {
        guard let id = device.packageID else { return nil }
        return try sandbox.read { try DriverPackageRecord.withID(id, $0.db) }
    }

    /// Installs the best driver on each device of `instanceIDs` (nil: every device) where it is better
    /// than the current one, or, with `onlyPackage`, where that package ranks best (`pnputil /install`).
    /// With `force`, the best node of `onlyPackage` is installed even when another ranks better
    /// (`devcon update`). One transaction for all.
    public static func installDrivers(instanceIDs: [String]? = nil, onlyPackage: Int64? = nil, force: Bool = false,
                                      sandbox: Sandbox) throws -> InstallOutcome {
        let profile = try sandbox.profile()
        var ctx = DeviceInstaller.Context(sandbox: sandbox, profile: profile)
        var outcome = InstallOutcome()
        try sandbox.write { registry in
            let db = registry.db
            var devices: [DeviceNode]
            if let onlyPackage { devices = try DeviceNode.matching(package: onlyPackage, db) } else { devices = try DeviceNode.all(db) }
            if let instanceIDs {
                let wanted = Set(instanceIDs.map { $0.uppercased() })
                devices = devices.filter { wanted.contains($0.instanceID.uppercased()) }
            }
            let extensionOnly = try onlyPackage.flatMap { try DriverPackageRecord.withID($0, db) }?.isExtension == true
            for var device in devices where device.present {
                // Ranked once: the base drivers to choose from, and the extensions the install applies.
                let all = try Ranking.allNodes(for: device, db, documents: &ctx.documents, sandboxRoot: sandbox.root, platform: profile.platform)
                let nodes = all.filter { !$0.package.isExtension }
                if extensionOnly, let onlyPackage {
                    // An extension goes on top of the device's base driver: the device is installed again,
                    // when the extension is the newest of its ExtensionId and not applied already.
                    guard let base = nodes.first(where: \.isCurrent),
                          try ExtensionInstaller.chosen(among: all, &ctx).contains(where: { $0.node.package.id == onlyPackage }),
                          try !ExtensionInstaller.applied(to: device.instanceID, db).contains(where: { $0.id == onlyPackage }) else { continue }
                    outcome.log += try DeviceInstaller.install(base, on: &device, nodes: all, registry, &ctx)
                    outcome.installed.append(device)
                    continue
                }
                let candidates = onlyPackage.map { id in nodes.filter { $0.package.id == id } } ?? nodes
                guard let best = candidates.first else { continue }
                if !force, let overall = nodes.first, overall != best { continue }   // another package ranks better
                if best.isCurrent && !force { continue }
                outcome.log += try DeviceInstaller.install(best, on: &device, nodes: all, registry, &ctx)
                outcome.installed.append(device)
            }
        }
        try SetupLog.append(outcome.log, sandbox: sandbox)
        return outcome
    }

    /// Enables or disables a device (ConfigFlags CONFIGFLAG_DISABLED; Code 22 while disabled).
    public static func setDisabled(_ disabled: Bool, _ instanceID: String, sandbox: Sandbox) throws -> DeviceNode {
        try update(instanceID, sandbox) { $0.disabled = disabled }
    }

    /// Restarts a device: its status is worked out again from the registry and files.
    public static func restart(_ instanceID: String, sandbox: Sandbox) throws -> DeviceNode {
        try update(instanceID, sandbox) { $0.rebootNeeded = false }
    }

    static func update(_ instanceID: String, _ sandbox: Sandbox, _ change: (inout DeviceNode) -> Void) throws -> DeviceNode {
        try sandbox.write { registry in
            guard var device = try DeviceNode.named(instanceID, registry.db) else { throw DeviceError("no device \(instanceID)", DeviceError.noSuchDevInst) }
            change(&device)
            let package = try device.packageID.flatMap { try DriverPackageRecord.withID($0, registry.db) }
            try DeviceStatus.evaluate(&device, package: package, registry: registry, policy: try LoadPolicy(registry: registry, sandbox: sandbox))
            try device.save(registry.db)
            return device
        }
    }

    /// Removes a device node (and with `subtree` its children): its `Enum` key, driver key and interfaces.
    /// Services and files stay, as on Windows.
    public static func remove(_ instanceID: String, subtree: Bool = false, sandbox: Sandbox) throws -> [DeviceNode] {
        try sandbox.write { registry in
            guard let device = try DeviceNode.named(instanceID, registry.db) else { throw DeviceError("no device \(instanceID)", DeviceError.noSuchDevInst) }
            var removed: [DeviceNode] = []
            var queue = [device]
            while let next = queue.popLast() {
                let children = try Row.fetchAll(registry.db, sql: "SELECT * FROM device WHERE parent = ?", arguments: [next.instanceID]).map(DeviceNode.init)
                if !children.isEmpty && !subtree {
                    try registry.db.execute(sql: "UPDATE device SET parent = NULL WHERE parent = ?", arguments: [next.instanceID])
                }
                if subtree { queue += children }
                if let key = next.driverKey { _ = try registry.deleteKey(DeviceInstaller.classRoot.appending(key)) }
                try InterfaceHandler.removeInterfaces(of: next.instanceID, registry)
                _ = try registry.deleteKey(next.enumKey)
                try registry.db.execute(sql: "DELETE FROM device WHERE instance_id = ?", arguments: [next.instanceID])
                removed.append(next)
            }
            return removed
        }
    }
}

extension Devices {
    /// What device listings show: the node, its driver package, class and manufacturer.
    public struct Summary: Sendable {
        public var device: DeviceNode
        public var package: DriverPackageRecord?
        public var className: String
        public var classGuid: String
        /// The `Mfg` text (after the `;` of an indirect string), nil when the device has none.
        public var manufacturer: String?
        /// The extension INFs applied on the device, by published name.
        public var extensions: [DriverPackageRecord] = []
    }

    /// Every device with its summary, read in one transaction.
    public static func summaries(_ sandbox: Sandbox) throws -> [Summary] {
        try sandbox.read { registry in
            let packages = Dictionary(uniqueKeysWithValues: try DriverPackageRecord.all(registry.db).map { ($0.id, $0) })
            // Extension INFs per device, in one query.
            var extensions: [String: [DriverPackageRecord]] = [:]
            for row in try Row.fetchAll(registry.db, sql: "SELECT device, package FROM device_extension") {
                if let package = packages[row["package"]] { extensions[(row["device"] as String).uppercased(), default: []].append(package) }
            }
            return try DeviceNode.all(registry.db).map { device in
                let values = try registry.values(device.enumKey)
                func string(_ name: String) -> String? { values.named(name)?.stringValue }
                var manufacturer = string("Mfg")
                if let text = manufacturer, text.hasPrefix("@"), let semicolon = text.firstIndex(of: ";") {
                    manufacturer = String(text[text.index(after: semicolon)...])
                }
                return Summary(device: device, package: device.packageID.flatMap { packages[$0] }, className: string("Class") ?? "",
                               classGuid: string("ClassGUID") ?? "", manufacturer: manufacturer?.isEmpty == true ? nil : manufacturer,
                               extensions: (extensions[device.instanceID.uppercased()] ?? []).sorted { $0.oemNumber < $1.oemNumber })
            }
        }
    }
}
