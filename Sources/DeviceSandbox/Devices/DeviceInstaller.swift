import Foundation
import INFModel
import SigningPolicy

/// Installs a driver node on a device as Windows does (installer.md §5), in the caller's
/// transaction: the driver key, the DDInstall section and its companions with their HKR bindings,
/// the `Enum` values, then the device's status.
enum DeviceInstaller {
    struct Context {
        var sandbox: Sandbox
        var profile: MachineProfile
        var documents: [Int64: INFDocument] = [:]
        /// The driver key numbers in use per class (sorted), read once per batch of installs.
        var driverKeys: [String: [Int]] = [:]
        /// The signing policy of the current boot, made in the batch's transaction.
        var loadPolicy: LoadPolicy?

        mutating func policy(_ registry: RegistryStore) throws -> LoadPolicy {
            if let loadPolicy { return loadPolicy }
            let policy = try LoadPolicy(registry: registry, sandbox: sandbox)
            loadPolicy = policy
            return policy
        }
    }

    static let classRoot = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class")!

    /// Installs `node` on `device` and re-evaluates its status; the log lines for setupapi.dev.log.
    /// `nodes`: every node of the device, extensions included, when the caller has ranked it already.
    static func install(_ node: DriverNode, on device: inout DeviceNode, nodes: [DriverNode]? = nil, _ registry: RegistryStore,
                        _ ctx: inout Context) throws -> [String] {
        let package = node.package
        let platform = ctx.profile.platform
        guard let document = try Ranking.document(package, &ctx.documents, sandboxRoot: ctx.sandbox.root),
              let install = document.installSection(node.installSection, for: platform) else {
            throw DriverStoreError("The driver package \(package.publishedName) has no install section [\(node.installSection)] for this machine.", 0xE000_0102)
        }
        let (context, environment) = installContext(package, document, install, hkr: nil, ctx)
        context.note(">>>  [Device Install (Hardware initiated) - \(device.instanceID)]")
        context.note("     dvi: {Build Driver List}")
        context.note("     dvi:      Selected driver: \(package.publishedName) [\(install.sectionName)] rank 0x\(hex8(node.rank))")
        noteSigner(try ctx.policy(registry).signature(of: package), context)

        let classGuid = package.classGuid.isEmpty ? "{4d36e97d-e325-11ce-bfc1-08002be10318}" : package.classGuid
        try installClass(classGuid, document, platform, context, registry, environment)

        let driverKeyName = try allocateDriverKey(for: device, classGuid: classGuid, registry, &ctx)
        let driverKey = classRoot.appending(driverKeyName)
        try registry.createKey(driverKey)

        // DDInstall, then .HW, .CoInstallers, .Interfaces, .Services, .Wdf (installer.md §5).
        context.hkr = driverKey
        context.propertyOwner = device.enumKey
        try InstallEngine.apply(install.sectionName, context, registry, environment)
        context.propertyOwner = nil
        try applyHardware(install, on: device, context, registry, environment)
        if document.hasSection(install.name(of: .coInstallers)) {
            context.hkr = driverKey
            context.propertyOwner = device.enumKey
            try InstallEngine.apply(install.name(of: .coInstallers), context, registry, environment)
            context.propertyOwner = nil
        }
        try InterfaceHandler.removeInterfaces(of: device.instanceID, registry)
        try InterfaceHandler.addInterfaces(in: install.name(of: .interfaces), instanceID: device.instanceID, context, registry)
        var service: String?
        var nullDriver = false
        if document.hasSection(install.name(of: .services)) {
            context.hkr = nil
            try InstallEngine.apply(install.name(of: .services), context, registry, environment, step: .services)
            for directive in document.addServices(in: install.name(of: .services)) where directive.isFunctionDriver {
                if directive.serviceName.isEmpty { nullDriver = true } else { service = directive.serviceName }
            }
        }
        try applyWdf(document, install, context, registry)
        try ComponentHandler.addComponents(document.lines(in: install.name(of: .components), key: "AddComponent"), parent: device,
                                           context, registry, try ctx.policy(registry))
        ComponentHandler.addSoftware(document.lines(in: install.name(of: .software), key: "AddSoftware"), context)
        try FilterHandler.register(install.name(of: .filters), instanceID: device.instanceID, replacing: true, context, registry)
        // Declarative companions the sandbox does not model yet are reported, not dropped in silence.
        for companion in [DDInstall.Companion.events, .com] {
            for line in document.lines(in: install.name(of: companion)) where line.key != nil {
                context.skip(line, "\(line.key!) in [\(install.name(of: companion))] is not applied by this version of drvkit's sandbox; the line is skipped")
            }
        }
        try environment.queue.commit(context, registry)
        try registry.db.execute(sql: "DELETE FROM device_file WHERE device = ?", arguments: [device.instanceID])
        for path in Set(environment.queue.copies.map(\.windowsPath) + environment.queue.inPlace).sorted() {
            try registry.db.execute(sql: "INSERT INTO device_file VALUES (?, ?)", arguments: [device.instanceID, path])
        }

        try writeEnumValues(device, node, document, classGuid: classGuid, driverKeyName: driverKeyName, service: service,
                            nullDriver: nullDriver, registry)
        try writeDriverKeyValues(driverKey, node, document, install, registry)
        // Extension INFs go on top of the base driver, so their settings win.
        for path in try Set(ExtensionInstaller.apply(on: device, driverKey: driverKey, nodes: nodes, registry, &ctx, log: context)).sorted() {
            try registry.db.execute(sql: "INSERT INTO device_file VALUES (?, ?)", arguments: [device.instanceID, path])
        }

        let wasStarted = device.isStarted && device.packageID != nil
        device.description = node.description
        device.packageID = package.id
        device.installSection = node.installSection
        device.matchingID = node.matchingID.lowercased()
        device.rank = node.rank
        device.driverKey = driverKeyName
        device.service = service
        try DeviceStatus.evaluate(&device, package: package, registry: registry, policy: try ctx.policy(registry))
        // A boot-start driver replaced on a running device takes effect at the next boot.
        if device.problem == 0, wasStarted, let service,
           try registry.value(ServiceTags.services.appending(service), "Start")?.integerValue == 0 {
            device.rebootNeeded = true
        }
        try device.save(registry.db)
        if device.problem == 0 {
            context.note("     dvi: Device started.")
        } else {
            context.note("!!!  dvi: Device not started: \(ProblemCode.message(device.problem))")
            if [ProblemCode.unsignedDriver, ProblemCode.driverFailedLoad].contains(device.problem) {
                let reasons = try ctx.policy(registry).lastDecision?.reasons.filter { $0.rule.hasPrefix("L") } ?? []
                for reason in reasons { context.note("!!!  sig:      \(reason.description)") }
            }
        }
        context.note("<<<  [Exit status: SUCCESS]")
        return context.log
    }

    /// The context a package's install section runs in: its INF as staged, its store folder as DIRID 13,
    /// `hkr` bound, the section marked as processed; and the file queue its CopyFiles fill.
    static func installContext(_ package: DriverPackageRecord, _ document: INFDocument, _ install: DDInstall, hkr: RegistryPath?,
                               _ ctx: Context) -> (InstallContext, CopyFilesHandler.Environment) {
        let platform = ctx.profile.platform
        let infPath = ctx.sandbox.root.appendingPathComponent(package.storeRelativePath + "/" + package.originalName).path
        let context = InstallContext(document: document, infPath: infPath, hkr: hkr)
        context.is64BitMachine = platform.architecture.hasRegistryViews
        context.driverStoreFolder = package.storePath
        _ = context.markProcessed(infPath: infPath, section: install.sectionName)
        let environment = CopyFilesHandler.Environment(sandboxRoot: ctx.sandbox.root, architecture: platform.architecture,
                                                       queue: FileQueue(root: ctx.sandbox.root))
        return (context, environment)
    }

    /// The `.HW` companion, with HKR = the device's hardware key (`Device Parameters`); the device
    /// properties it writes then move to the `Enum` key.
    static func applyHardware(_ install: DDInstall, on device: DeviceNode, _ context: InstallContext, _ registry: RegistryStore,
                              _ environment: CopyFilesHandler.Environment) throws {
        guard context.document.hasSection(install.name(of: .hw)) else { return }
        let hardwareKey = device.enumKey.appending("Device Parameters")
        context.hkr = hardwareKey
        try InstallEngine.apply(install.name(of: .hw), context, registry, environment, step: .hardware)
        try moveDeviceProperties(from: hardwareKey, to: device.enumKey, registry)
    }

    /// The device's current driver key when the class is unchanged (emptied for the new driver), else the
    /// lowest free `{ClassGUID}\NNNN` of the class.
    static func allocateDriverKey(for device: DeviceNode, classGuid: String, _ registry: RegistryStore, _ ctx: inout Context) throws -> String {
        if let current = device.driverKey, current.lowercased().hasPrefix(classGuid.lowercased() + "\\") {
            _ = try registry.deleteKey(classRoot.appending(current))
            return current
        }
        if let old = device.driverKey { _ = try registry.deleteKey(classRoot.appending(old)) }
        let folded = classGuid.lowercased()
        if ctx.driverKeys[folded] == nil {
            // Four-digit names sort as numbers: the sorted list of those in use.
            ctx.driverKeys[folded] = try registry.subkeys(classRoot.appending(classGuid)).compactMap { $0.count == 4 ? Int($0) : nil }
        }
        let n = lowestFree(ctx.driverKeys[folded]!)
        ctx.driverKeys[folded]!.insert(n, at: n)
        return classGuid + "\\" + fourDigits(n)
    }

    /// The signer lines of a device install's log section.
    static func noteSigner(_ signature: PackageSignature, _ context: InstallContext) {
        let score: String = switch signature.signer {
        case .whql, .microsoft, .attestation: "WHQL"
        case .unsigned: "Not digitally signed"
        default: signature.trustedRoot ? "Authenticode" : "Not digitally signed"
        }
        context.note("     sig: Signer Score  - \(score)")
        context.note("     sig: Signer Name   - \(signature.signerName ?? "(none)") (\(signature.signer.rawValue))")
    }

    /// A setup class the machine does not have yet gets its key: `Class` = the INF's class name, and the
    /// INF's `[ClassInstall32]` (decorated for the platform) with HKR = the class key.
    static func installClass(_ classGuid: String, _ document: INFDocument, _ platform: TargetPlatform, _ context: InstallContext,
                             _ registry: RegistryStore, _ environment: CopyFilesHandler.Environment) throws {
        let classKey = classRoot.appending(classGuid)
        guard try registry.value(classKey, "Class") == nil else { return }
        try registry.setValue(classKey, .string("Class", document.version.class?.value ?? ""))
        if let classInstall = document.installSection("ClassInstall32", for: platform) {
            context.hkr = classKey
            try InstallEngine.apply(classInstall.sectionName, context, registry, environment)
            context.hkr = nil
            // "INF ClassInstall32.Services Section": the services the new class needs.
            if document.hasSection(classInstall.name(of: .services)) {
                try InstallEngine.apply(classInstall.name(of: .services), context, registry, environment, step: .services)
            }
        }
        context.note("     dvi: Installed class \(classGuid)")
    }

    /// Values written with HKR in `.HW` that are device properties live on the `Enum` key itself
    /// (filters, and the device object's type, characteristics, exclusivity and security) [?].
    static func moveDeviceProperties(from hardwareKey: RegistryPath, to enumKey: RegistryPath, _ registry: RegistryStore) throws {
        for name in ["UpperFilters", "LowerFilters", "DeviceType", "DeviceCharacteristics", "Exclusive", "Security"] {
            guard let value = try registry.value(hardwareKey, name) else { continue }
            _ = try registry.deleteValue(hardwareKey, name)
            if name == "Security", let descriptor = try? SecurityDescriptor(sddl: value.stringValue) {
                try registry.setValue(enumKey, RegistryValue(name: name, type: .binary, data: descriptor.selfRelativeBytes))
            } else {
                try registry.setValue(enumKey, RegistryValue(name: value.name, type: value.type, data: value.data))
            }
        }
    }

    /// `.Wdf`: `KmdfService = service, section` → `Services\<service>\Parameters\Wdf\KmdfLibraryVersion` [?].
    static func applyWdf(_ document: INFDocument, _ install: DDInstall, _ context: InstallContext, _ registry: RegistryStore) throws {
        for line in document.lines(in: install.name(of: .wdf), key: "KmdfService") {
            guard let service = line.nonEmptyField(1), let section = line.nonEmptyField(2) else {
                context.skip(line, "KmdfService needs a service and a section; the line is skipped")
                continue
            }
            let version = document.firstLine(in: section, key: "KmdfLibraryVersion")?.field(1) ?? ""
            try registry.setValue(ServiceTags.services.appending(service).appending("Parameters\\Wdf"), .string("KmdfLibraryVersion", version))
        }
    }

    /// The lowest number missing from `used` (sorted, distinct, non-negative): the first index whose
    /// element is not the index itself.
    static func lowestFree(_ used: [Int]) -> Int {
        var low = 0, high = used.count
        while low < high {
            let mid = (low + high) / 2
            if used[mid] == mid { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func hex8(_ v: UInt32) -> String { String(format: "%08X", v) }
}
