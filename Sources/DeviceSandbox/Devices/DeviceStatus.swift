import Foundation
import INFModel

/// Whether a device starts, and if not its problem code (installer.md §9), from what the registry
/// and the `C:` drive hold: the device's flags, its function driver's service key and image, what
/// the signing policy says of that image, and its filter drivers' service keys and images.
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
        let image: ServiceImage
        switch try load(service, registry: registry, root: sandboxRoot, missingKey: ProblemCode.serviceKeyInvalid) {
        case .image(let found): image = found
        case .problem(let code, let status): return (code, status)
        }
        let bytes = FileManager.default.contents(atPath: sandboxRoot.appendingPathComponent(image.relative).path).map { [UInt8]($0) } ?? []
        let decision = policy.decide(package: package, image: ((image.relative as NSString).lastPathComponent, bytes),
                                     kernel: image.type == 1 || image.type == 2, bootStart: image.start == 0)
        if decision.load == .blocked {
            let code = decision.problemCode ?? ProblemCode.unsignedDriver
            return (code, code == ProblemCode.driverFailedLoad ? ProblemCode.statusDriverBlocked : ProblemCode.statusInvalidImageHash)
        }
        // The filters the device's and its class's UpperFilters/LowerFilters name load too: one
        // not installed, disabled or without its image keeps the device from starting [?] (the
        // classic leftover CD-ROM class filter gives Code 39).
        for filter in try DeviceStack(device: device, registry: registry).filters {
            if case .problem(let code, let status) = try load(filter, registry: registry, root: sandboxRoot, missingKey: ProblemCode.driverFailedLoad) {
                return (code, status)
            }
        }
        return (0, 0)
    }

    /// A service's image (under the sandbox root) as the loader finds it, or the problem that stops it loading.
    struct ServiceImage { var relative: String; var type: UInt64; var start: UInt64 }
    enum Loaded { case image(ServiceImage), problem(Int, UInt32) }

    /// Finds `service`'s key and image: no usable key gives `missingKey` (40 for a function driver,
    /// 39 for a filter), Start 4 gives 32, a missing image 39 (STATUS_OBJECT_NAME_NOT_FOUND).
    static func load(_ service: String, registry: RegistryStore, root: URL, missingKey: Int) throws -> Loaded {
        let key = ServiceTags.services.appending(service)
        guard try registry.key(key) != nil, let type = try registry.value(key, "Type")?.integerValue,
              let start = try registry.value(key, "Start")?.integerValue else {
            return .problem(missingKey, missingKey == ProblemCode.driverFailedLoad ? ProblemCode.statusImageMissing : 0)
        }
        if start == 4 { return .problem(ProblemCode.serviceDisabled, 0) }
        let image = try registry.value(key, "ImagePath")?.stringValue ?? "System32\\drivers\\\(service).sys"
        guard let relative = imageFile(image, root: root), FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path) else {
            return .problem(ProblemCode.driverFailedLoad, ProblemCode.statusImageMissing)
        }
        return .image(ServiceImage(relative: relative, type: type, start: start))
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
