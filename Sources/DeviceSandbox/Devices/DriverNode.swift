import Foundation
import GRDB
import INFModel
import INFSyntax

/// A candidate driver for a device (`SP_DRVINFO_DATA` with its rank): one models line of a staged
/// package that lists one of the device's IDs.
public struct DriverNode: Hashable, Sendable {
    public var package: DriverPackageRecord
    public var manufacturer: String
    public var description: String
    /// The models line's install section (undecorated) and the ID that matched.
    public var installSection: String
    public var modelsSection: String
    public var matchingID: String
    /// `0xSSGGTHHH`: signature, feature and identifier scores; lower is better (installer.md §4).
    public var rank: UInt32
    /// The device's current driver.
    public var isCurrent: Bool

    public var signatureScore: UInt32 { rank >> 24 }

    /// `DNF_*` flags devcon prints: DNF_INF_IS_SIGNED 0x2000 and DNF_AUTHENTICODE_SIGNED 0x20000 for a
    /// trusted catalog, DNF_INSTALLEDDRIVER 0x40000 for the current driver [?].
    public var flags: UInt32 {
        (package.trusted ? 0x0002_2000 : 0) | (isCurrent ? 0x0004_0000 : 0)
    }

    /// Windows' order: lower rank, then newer DriverVer date, higher version, the current driver,
    /// then (drvkit's last word) the lower `oemN`.
    public static func isBetter(_ a: DriverNode, than b: DriverNode) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if let newer = a.package.hasNewerDriverVer(than: b.package) { return newer }
        if a.isCurrent != b.isCurrent { return a.isCurrent }
        return a.package.oemNumber < b.package.oemNumber
    }
}

/// Ranking (installer.md §4): the driver nodes of a device, best first.
enum Ranking {
    /// The identifier score of a device ID (index `n` in its hardware or compatible list) matching a
    /// models line ID at `position` (0: the line's hardware ID, k ≥ 1: its k-th compatible ID).
    static func identifierScore(deviceIndex n: Int, deviceIDIsCompatible: Bool, position: Int) -> UInt32 {
        let n = UInt32(n), k = UInt32(max(position - 1, 0))
        switch (deviceIDIsCompatible, position == 0) {
        case (false, true): return n
        case (false, false): return 0x1000 + n
        case (true, true): return 0x2000 + n
        case (true, false): return 0x3000 + n + 0x100 * k
        }
    }

    /// The device's driver nodes, best first: the base drivers Windows chooses one of (extension INFs
    /// are applied on top of it, see ``ExtensionInstaller``).
    static func driverNodes(for device: DeviceNode, _ db: Database, documents: inout [Int64: INFDocument],
                            sandboxRoot: URL, platform: TargetPlatform) throws -> [DriverNode] {
        try allNodes(for: device, db, documents: &documents, sandboxRoot: sandboxRoot, platform: platform).filter { !$0.package.isExtension }
    }

    /// Every node of every staged package that lists one of the device's IDs, extensions included, best first.
    static func allNodes(for device: DeviceNode, _ db: Database, documents: inout [Int64: INFDocument],
                         sandboxRoot: URL, platform: TargetPlatform) throws -> [DriverNode] {
        let hardware = device.hardwareIDs.map(DeviceID.fold), compatible = device.compatibleIDs.map(DeviceID.fold)
        let ids = Array(Set(hardware + compatible))
        guard !ids.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.package, m.device_id, m.position, m.manufacturer, m.description, m.install_section, m.models_section
            FROM driver_model m WHERE m.device_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(ids))
        var best: [String: DriverNode] = [:]
        var packages: [Int64: DriverPackageRecord] = [:]
        for row in rows {
            let packageID: Int64 = row["package"], id: String = row["device_id"], position: Int = row["position"]
            let identifier: UInt32
            if let n = hardware.firstIndex(of: id) { identifier = identifierScore(deviceIndex: n, deviceIDIsCompatible: false, position: position) }
            else if let n = compatible.firstIndex(of: id) { identifier = identifierScore(deviceIndex: n, deviceIDIsCompatible: true, position: position) }
            else { continue }
            if packages[packageID] == nil { packages[packageID] = try DriverPackageRecord.withID(packageID, db) }
            guard let package = packages[packageID] else { continue }
            let section: String = row["install_section"]
            let document = try self.document(package, &documents, sandboxRoot: sandboxRoot)
            let install = document?.installSection(section, for: platform)
            let feature = UInt32(install.flatMap { document?.featureScoreLine(of: $0)?.field(1) }.flatMap(FeatureScore.parse) ?? FeatureScore.absent)
            let signature: UInt32 = package.trusted ? 0x00 : (install?.decoration.lowercased().hasPrefix("nt") == true ? 0x80 : 0xC0)
            let node = DriverNode(package: package, manufacturer: row["manufacturer"], description: row["description"], installSection: section,
                                  modelsSection: row["models_section"], matchingID: id, rank: signature << 24 | feature << 16 | identifier,
                                  isCurrent: device.packageID == packageID && device.installSection?.lowercased() == section.lowercased())
            let key = "\(packageID)\u{0}\(node.modelsSection)\u{0}\(node.description)\u{0}\(section)".lowercased()
            if let existing = best[key], !DriverNode.isBetter(node, than: existing) { continue }
            best[key] = node
        }
        return best.values.sorted(by: DriverNode.isBetter)
    }

    /// The package's INF as staged in the driver store, read once per ranking pass.
    static func document(_ package: DriverPackageRecord, _ cache: inout [Int64: INFDocument], sandboxRoot: URL) throws -> INFDocument? {
        if let cached = cache[package.id] { return cached }
        let path = sandboxRoot.appendingPathComponent(package.storeRelativePath + "/" + package.originalName).path
        guard let tree = try? INFInput.load(path: path) else { return nil }
        let document = INFDocument(tree: tree)
        cache[package.id] = document
        return document
    }
}
