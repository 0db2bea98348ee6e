import Foundation
import GRDB

/// A device node of the simulated device tree, with the driver installed on it and its status.
public struct DeviceNode: Hashable, Sendable {
    public var instanceID: String
    public var description: String
    public var parent: String?
    public var hardwareIDs: [String]
    public var compatibleIDs: [String]
    public var present: Bool
    public var disabled: Bool
    /// The driver package installed on the device, its DDInstall section and the ID it matched.
    public var packageID: Int64?
    public var installSection: String?
    public var matchingID: String?
    public var rank: UInt32?
    /// `{ClassGUID}\NNNN`, the driver (software) key under `Control\Class`.
    public var driverKey: String?
    /// The function driver's service (SPSVCINST_ASSOCSERVICE).
    public var service: String?
    /// The CM_PROB_* code (0: none) and the NTSTATUS behind it.
    public var problem: Int
    public var problemStatus: UInt32
    public var rebootNeeded: Bool

    /// Running: present, not disabled, no problem.
    public var isStarted: Bool { present && problem == 0 && !rebootNeeded }

    init(row: Row) {
        instanceID = row["instance_id"]; description = row["description"]; parent = row["parent"]
        hardwareIDs = (row["hardware_ids"] as String).split(separator: "\n").map(String.init)
        compatibleIDs = (row["compatible_ids"] as String).split(separator: "\n").map(String.init)
        present = row["present"]; disabled = row["disabled"]; packageID = row["package"]; installSection = row["install_section"]
        matchingID = row["matching_id"]; rank = (row["rank"] as Int64?).map { UInt32(truncatingIfNeeded: $0) }
        driverKey = row["driver_key"]; service = row["service"]; problem = row["problem"]
        problemStatus = UInt32(truncatingIfNeeded: row["problem_status"] as Int64); rebootNeeded = row["reboot_needed"]
    }

    static func all(_ db: Database) throws -> [DeviceNode] {
        try Row.fetchAll(db, sql: "SELECT * FROM device ORDER BY instance_id COLLATE NOCASE").map(DeviceNode.init)
    }

    static func named(_ instanceID: String, _ db: Database) throws -> DeviceNode? {
        try Row.fetchOne(db, sql: "SELECT * FROM device WHERE instance_id = ?", arguments: [instanceID]).map(DeviceNode.init)
    }

    /// Devices with an ID the package's models list (the ones its install can reach).
    static func matching(package: Int64, _ db: Database) throws -> [DeviceNode] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM device WHERE instance_id IN (
                SELECT DISTINCT d.device FROM device_id d JOIN driver_model m ON m.device_id = d.id WHERE m.package = ?)
            ORDER BY instance_id COLLATE NOCASE
            """, arguments: [package]).map(DeviceNode.init)
    }

    /// Writes the device's driver and status columns.
    func save(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE device SET description = ?, present = ?, disabled = ?, package = ?, install_section = ?, matching_id = ?, rank = ?,
                driver_key = ?, service = ?, problem = ?, problem_status = ?, reboot_needed = ? WHERE instance_id = ?
            """, arguments: [description, present, disabled, packageID, installSection, matchingID, rank.map { Int64($0) }, driverKey,
                             service, problem, Int64(problemStatus), rebootNeeded, instanceID])
    }

    /// `HKLM\SYSTEM\CurrentControlSet\Enum\<instance ID>`.
    public var enumKey: RegistryPath { RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Enum")!.appending(instanceID) }
}
