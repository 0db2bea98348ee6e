import Foundation
import GRDB
import SigningPolicy

extension BootConfiguration {
    /// What a reboot changed.
    public struct RebootResult: Sendable {
        public var boot: Int
        public var state: MachineState
        /// Devices whose status changed: instance ID, problem code before and after (0: started).
        public var changes: [(instanceID: String, before: Int, after: Int)]
    }

    /// Boots the machine again: the pending settings take effect (with F7, "Disable driver signature
    /// enforcement", for this boot only), drivers waiting for a restart start, and every driven
    /// device is re-evaluated against the new boot's signing policy.
    public static func reboot(disableDriverSignatureEnforcement: Bool = false, sandbox: Sandbox) throws -> RebootResult {
        defer { try? SetupLog.appendBootSession(sandbox: sandbox) }
        return try sandbox.write { registry in
            try recordBoot(registry.db, enforcementDisabled: disableDriverSignatureEnforcement)
            let policy = try LoadPolicy(registry: registry, sandbox: sandbox)
            var changes: [(String, Int, Int)] = []
            for var device in try DeviceNode.all(registry.db) where device.driverKey != nil && device.packageID != nil {
                let before = device.rebootNeeded ? ProblemCode.needRestart : device.problem
                device.rebootNeeded = false
                let package = try device.packageID.flatMap { try DriverPackageRecord.withID($0, registry.db) }
                try DeviceStatus.evaluate(&device, package: package, registry: registry, policy: policy)
                try device.save(registry.db)
                if device.problem != before { changes.append((device.instanceID, before, device.problem)) }
            }
            let boot = try Int.fetchOne(registry.db, sql: "SELECT max(id) FROM boot") ?? 1
            return RebootResult(boot: boot, state: policy.state, changes: changes)
        }
    }
}
