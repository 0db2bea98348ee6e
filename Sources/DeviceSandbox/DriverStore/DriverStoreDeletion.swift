import Foundation
import GRDB
import INFModel

extension DriverStore {
    /// What deleting a package did.
    public struct Deleted: Sendable {
        public var package: DriverPackageRecord
        /// Devices that used it and were uninstalled (then given their next best driver, or Code 28).
        public var uninstalledFrom: [DeviceNode]
    }

    /// Deletes a package from the store and its `oemN.inf`: refused while devices use it unless
    /// `uninstall` (those devices get their next best driver, else Code 28) or `force` (they keep
    /// running the files already installed).
    public static func delete(_ publishedName: String, uninstall: Bool, force: Bool, sandbox: Sandbox) throws -> Deleted {
        let profile = try sandbox.profile()
        return try sandbox.write { registry in
            let db = registry.db
            guard let package = try DriverPackageRecord.named(publishedName, db) else {
                throw DriverStoreError("The specified INF is not an installed OEM INF.", DriverStoreError.notInstalledOEM)
            }
            // A base driver is used by the devices it drives; an extension INF by those it was applied on.
            let users = try Row.fetchAll(db, sql: """
                SELECT * FROM device WHERE package = ? OR instance_id IN (SELECT device FROM device_extension WHERE package = ?)
                ORDER BY instance_id
                """, arguments: [package.id, package.id]).map(DeviceNode.init)
            if !users.isEmpty && !uninstall && !force {
                throw DriverStoreError("One or more devices are presently installed using the specified INF.", DriverStoreError.inUse)
            }
            var uninstalled: [DeviceNode] = []
            if package.isExtension {
                // Its models no longer match anything; devices it was applied on are installed again
                // on their base driver without it (`/uninstall`), or keep its settings (`/force`).
                try db.execute(sql: "DELETE FROM driver_model WHERE package = ?", arguments: [package.id])
                try db.execute(sql: "DELETE FROM device_extension WHERE package = ?", arguments: [package.id])
                if uninstall {
                    var ctx = DeviceInstaller.Context(sandbox: sandbox, profile: profile)
                    for var device in users {
                        let base = try Ranking.driverNodes(for: device, db, documents: &ctx.documents, sandboxRoot: sandbox.root, platform: profile.platform)
                            .first(where: \.isCurrent)
                        if let base { _ = try DeviceInstaller.install(base, on: &device, registry, &ctx) }
                        uninstalled.append(device)
                    }
                }
            } else if uninstall {
                var ctx = DeviceInstaller.Context(sandbox: sandbox, profile: profile)
                for var device in users {
                    try DeviceInstaller.uninstall(&device, registry)
                    let next = try Ranking.driverNodes(for: device, db, documents: &ctx.documents, sandboxRoot: sandbox.root, platform: profile.platform)
                        .first { $0.package.id != package.id }
                    if let next { _ = try DeviceInstaller.install(next, on: &device, registry, &ctx) }
                    else {
                        try DeviceStatus.evaluate(&device, package: nil, registry: registry, policy: try ctx.policy(registry))
                        try device.save(db)
                    }
                    uninstalled.append(device)
                }
            } else if force {
                try db.execute(sql: "UPDATE device SET package = NULL WHERE package = ?", arguments: [package.id])
            }
            try db.execute(sql: "DELETE FROM driver_package WHERE id = ?", arguments: [package.id])
            let transaction = FileTransaction(root: sandbox.root)
            let folder = sandbox.root.appendingPathComponent(package.storeRelativePath)
            let items = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            while let item = items?.nextObject() as? URL {
                guard (try item.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
                let relative = String(item.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
                try transaction.delete(package.storeRelativePath + "/" + relative, registry: registry)
            }
            try transaction.delete("C/Windows/INF/" + package.publishedName, registry: registry)
            return Deleted(package: package, uninstalledFrom: uninstalled)
        }
    }
}

extension DeviceInstaller {
    /// Takes the driver off a device: its driver key and the `Enum` values the install wrote.
    static func uninstall(_ device: inout DeviceNode, _ registry: RegistryStore) throws {
        if let key = device.driverKey { _ = try registry.deleteKey(classRoot.appending(key)) }
        for name in ["Driver", "Service", "Mfg", "Class", "ClassGUID", "RawDeviceOK", "UpperFilters", "LowerFilters"] {
            _ = try registry.deleteValue(device.enumKey, name)
        }
        try InterfaceHandler.removeInterfaces(of: device.instanceID, registry)
        try registry.db.execute(sql: "DELETE FROM device_filter WHERE device = ?", arguments: [device.instanceID])
        try registry.db.execute(sql: "DELETE FROM device_extension WHERE device = ?", arguments: [device.instanceID])
        device.packageID = nil; device.installSection = nil; device.matchingID = nil; device.rank = nil
        device.driverKey = nil; device.service = nil; device.rebootNeeded = false
    }
}
