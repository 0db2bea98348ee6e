import Foundation
import INFModel

/// Whether a device starts, and if not its problem code (installer.md §9), from what the registry
/// and the `C:` drive hold: the device's flags, its function driver's service key and image, and
/// (until the signing policy model decides it) whether a kernel image on a 64-bit machine comes
/// from a package whose catalog the machine trusts.
enum DeviceStatus {
    static func evaluate(_ device: inout DeviceNode, package: DriverPackageRecord?, registry: RegistryStore, policy: LoadPolicy) throws {
        // A driver whose package was force-deleted keeps running as it was.
        if package == nil && device.driverKey != nil && !device.disabled && device.problem != ProblemCode.disabled { return }
        (device.problem, device.problemStatus) = try problem(device, package: package, registry: registry, policy: policy)
        let flags = try registry.value(device.enumKey, "ConfigFlags")?.integerValue ?? 0
        var newFlags = UInt32(truncatingIfNeeded: flags) & ~UInt32(0x1 | 0x40)
        if device.disabled { newFlags |= 0x1 }
        if device.problem == ProblemCode.failedInstall { newFlags |= 0x40 }
        if try registry.key(device.enumKey) != nil { try registry.setValue(device.enumKey, .dword("ConfigFlags", newFlags)) }
    }

    static func problem(_ device: DeviceNode, package: DriverPackageRecord?, registry: RegistryStore, policy: LoadPolicy) throws -> (Int, UInt32) {
        let sandboxRoot = policy.sandboxRoot
        if device.disabled { return (ProblemCode.disabled, 0) }
        guard let package, device.driverKey != nil else { return (ProblemCode.failedInstall, ProblemCode.statusNoDriver) }
        guard let service = device.service else {
            // A null driver (AddService = ,2) runs the device raw; otherwise there is no function driver.
            let raw = try registry.value(device.enumKey, "RawDeviceOK")?.integerValue ?? 0
            return raw != 0 ? (0, 0) : (ProblemCode.failedInstall, ProblemCode.statusNoFunctionDriver)
        }
        let key = ServiceTags.services.appending(service)
        guard try registry.key(key) != nil, let type = try registry.value(key, "Type")?.integerValue,
              let start = try registry.value(key, "Start")?.integerValue else { return (ProblemCode.serviceKeyInvalid, 0) }
        if start == 4 { return (ProblemCode.serviceDisabled, 0) }
        let image = try registry.value(key, "ImagePath")?.stringValue ?? "System32\\drivers\\\(service).sys"
        guard let relative = imageFile(image, root: sandboxRoot), FileManager.default.fileExists(atPath: sandboxRoot.appendingPathComponent(relative).path) else {
            return (ProblemCode.driverFailedLoad, ProblemCode.statusImageMissing)
        }
        let bytes = FileManager.default.contents(atPath: sandboxRoot.appendingPathComponent(relative).path).map { [UInt8]($0) } ?? []
        let decision = policy.decide(package: package, image: ((relative as NSString).lastPathComponent, bytes),
                                     kernel: type == 1 || type == 2, bootStart: start == 0)
        guard decision.load == .blocked else { return (0, 0) }
        let code = decision.problemCode ?? ProblemCode.unsignedDriver
        return (code, code == ProblemCode.driverFailedLoad ? ProblemCode.statusDriverBlocked : ProblemCode.statusInvalidImageHash)
    }

    /// A service's ImagePath as a path under the sandbox root (`\SystemRoot\…`, `System32\…`,
    /// `\??\C:\…`, `C:\…`); nil when it cannot be on the sandbox's `C:`.
    static func imageFile(_ imagePath: String, root: URL) -> String? {
        var path = imagePath.replacingOccurrences(of: "/", with: "\\")
        if path.hasPrefix("\\??\\") { path.removeFirst(4) }
        let lower = path.lowercased()
        let windowsPath: String
        if lower.hasPrefix("\\systemroot\\") { windowsPath = "C:\\Windows\\" + path.dropFirst(12) }
        else if lower.hasPrefix("%systemroot%\\") { windowsPath = "C:\\Windows\\" + path.dropFirst(13) }
        else if lower.hasPrefix("c:\\") { windowsPath = path }
        else if !path.hasPrefix("\\") && !path.contains(":") { windowsPath = "C:\\Windows\\" + path }
        else { return nil }
        return try? FileTransaction.confine(windowsPath, root: root)
    }
}
