import Foundation
import GRDB
import INFModel

/// Extension INFs ("Using an Extension INF File"): `Class = Extension` packages that add to a
/// device's base driver package and never replace it. Among the extensions whose models list one of
/// the device's IDs, the one with the newest DriverVer (date, then version) of each ExtensionId is
/// applied after the base driver, in the same transaction: its DDInstall section (HKR = the
/// device's driver key), `.HW`, `.Interfaces`, `.Services` (no function driver), `.Filters`,
/// `.Components` and `.Software`, with its files from its own driver store folder.
enum ExtensionInstaller {
    /// The extension to apply for each ExtensionId, with its ExtensionId, among a device's nodes
    /// (``Ranking/allNodes(for:_:documents:sandboxRoot:platform:)``).
    static func chosen(among nodes: [DriverNode], _ ctx: inout DeviceInstaller.Context) throws -> [(node: DriverNode, id: String)] {
        var best: [String: DriverNode] = [:]
        for node in nodes where node.package.isExtension {
            guard let document = try Ranking.document(node.package, &ctx.documents, sandboxRoot: ctx.sandbox.root),
                  let id = document.firstLine(in: "Version", key: "ExtensionId")?.nonEmptyField(1)?.lowercased() else { continue }
            if let current = best[id], !isNewer(node, than: current) { continue }
            best[id] = node
        }
        return best.sorted { $0.key < $1.key }.map { ($0.value, $0.key) }
    }

    /// DriverVer date, then version, then (drvkit's last word) the lower `oemN`.
    static func isNewer(_ a: DriverNode, than b: DriverNode) -> Bool {
        a.package.hasNewerDriverVer(than: b.package) ?? (a.package.oemNumber < b.package.oemNumber)
    }

    /// Applies the chosen extensions on `device`, whose base driver has just been installed with
    /// `driverKey`; records them. `nodes` are the device's nodes when the caller has ranked it
    /// already (else they are read). The log lines go to `log`.
    static func apply(on device: DeviceNode, driverKey: RegistryPath, nodes: [DriverNode]?, _ registry: RegistryStore,
                      _ ctx: inout DeviceInstaller.Context, log: InstallContext) throws -> [String] {
        try registry.db.execute(sql: "DELETE FROM device_extension WHERE device = ?", arguments: [device.instanceID])
        let platform = ctx.profile.platform
        let nodes = try nodes ?? Ranking.allNodes(for: device, registry.db, documents: &ctx.documents, sandboxRoot: ctx.sandbox.root, platform: platform)
        var copied: [String] = []
        for (node, id) in try chosen(among: nodes, &ctx) {
            let package = node.package
            guard let document = try Ranking.document(package, &ctx.documents, sandboxRoot: ctx.sandbox.root),
                  let install = document.installSection(node.installSection, for: platform) else { continue }
            let (context, environment) = DeviceInstaller.installContext(package, document, install, hkr: driverKey, ctx)
            context.isExtension = true
            context.note("     dvi: Extension driver: \(package.publishedName) [\(install.sectionName)] (ExtensionId \(id))")
            context.propertyOwner = device.enumKey
            try InstallEngine.apply(install.sectionName, context, registry, environment)
            context.propertyOwner = nil
            try DeviceInstaller.applyHardware(install, on: device, context, registry, environment)
            try InterfaceHandler.addInterfaces(in: install.name(of: .interfaces), instanceID: device.instanceID, context, registry)
            if document.hasSection(install.name(of: .services)) {
                context.hkr = nil
                try InstallEngine.apply(install.name(of: .services), context, registry, environment, step: .services)
            }
            try FilterHandler.register(install.name(of: .filters), instanceID: device.instanceID, replacing: false, context, registry)
            try ComponentHandler.addComponents(document.lines(in: install.name(of: .components), key: "AddComponent"), parent: device,
                                               context, registry, try ctx.policy(registry))
            ComponentHandler.addSoftware(document.lines(in: install.name(of: .software), key: "AddSoftware"), context)
            try environment.queue.commit(context, registry)
            copied += environment.queue.copies.map(\.windowsPath) + environment.queue.inPlace
            try registry.db.execute(sql: "INSERT INTO device_extension VALUES (?, ?, ?)", arguments: [device.instanceID, package.id, id])
            log.absorb(context)
        }
        return copied
    }

    /// The extension packages applied on `instanceID`, by published name.
    static func applied(to instanceID: String, _ db: Database) throws -> [DriverPackageRecord] {
        try Row.fetchAll(db, sql: "SELECT package FROM device_extension WHERE device = ?", arguments: [instanceID])
            .compactMap { try DriverPackageRecord.withID($0["package"], db) }.sorted { $0.oemNumber < $1.oemNumber }
    }
}
