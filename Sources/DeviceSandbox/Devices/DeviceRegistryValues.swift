import Foundation
import INFModel

/// The values a device install writes on the `Enum` key and the driver key (installer.md §5).
extension DeviceInstaller {
    static func writeEnumValues(_ device: DeviceNode, _ node: DriverNode, _ document: INFDocument, classGuid: String, driverKeyName: String,
                                service: String?, nullDriver: Bool, _ registry: RegistryStore) throws {
        let enumKey = device.enumKey
        try registry.setValue(enumKey, .multiString("HardwareID", device.hardwareIDs))
        if !device.compatibleIDs.isEmpty { try registry.setValue(enumKey, .multiString("CompatibleIDs", device.compatibleIDs)) }
        let modelLine = document.models(inSection: node.modelsSection).first {
            $0.deviceDescription == node.description && $0.installSection.lowercased() == node.installSection.lowercased()
        }?.line
        let manufacturerLine = document.manufacturers.first { $0.name == node.manufacturer }?.line
        try registry.setValue(enumKey, .string("DeviceDesc", indirectString(modelLine, text: node.description, node.package, document)))
        try registry.setValue(enumKey, .string("Mfg", indirectString(manufacturerLine, text: node.manufacturer, node.package, document)))
        try registry.setValue(enumKey, .string("Class", document.version.class?.value ?? ""))
        try registry.setValue(enumKey, .string("ClassGUID", classGuid))
        try registry.setValue(enumKey, .string("Driver", driverKeyName))
        _ = try registry.deleteValue(enumKey, "Service")
        if let service { try registry.setValue(enumKey, .string("Service", service)) }
        _ = try registry.deleteValue(enumKey, "RawDeviceOK")
        if nullDriver { try registry.setValue(enumKey, .dword("RawDeviceOK", 1)) }
    }

    static func writeDriverKeyValues(_ driverKey: RegistryPath, _ node: DriverNode, _ document: INFDocument, _ install: DDInstall,
                                     _ registry: RegistryStore) throws {
        let package = node.package
        try registry.setValue(driverKey, .string("DriverDesc", node.description))
        try registry.setValue(driverKey, .string("ProviderName", package.provider))
        if let driverVer = document.version.driverVer?.value {
            try registry.setValue(driverKey, .string("DriverDate", "\(driverVer.month)-\(driverVer.day)-\(driverVer.year)"))
            try registry.setValue(driverKey, RegistryValue(name: "DriverDateData", type: .binary, data: fileTime(driverVer)))
        }
        try registry.setValue(driverKey, .string("DriverVersion", package.driverVersion))
        try registry.setValue(driverKey, .string("InfPath", package.publishedName))
        try registry.setValue(driverKey, .string("InfSection", install.baseName))
        if !install.decoration.isEmpty { try registry.setValue(driverKey, .string("InfSectionExt", "." + install.decoration)) }
        try registry.setValue(driverKey, .string("MatchingDeviceId", node.matchingID.lowercased()))
    }

    /// `@oemN.inf,%strkey%;Text` when the line's key was written as a `%strkey%` token (Windows keeps
    /// the reference so the text can be localised), else the text itself.
    static func indirectString(_ line: INFLine?, text: String, _ package: DriverPackageRecord, _ document: INFDocument) -> String {
        guard let range = line?.keyRange else { return text }
        let raw = document.tree.source.string(range).trimmingWhitespace()
        guard raw.count > 2, raw.hasPrefix("%"), raw.hasSuffix("%"), !raw.dropFirst().dropLast().contains("%") else { return text }
        return "@\(package.publishedName),\(raw);\(text)"
    }

    /// DriverDateData: the DriverVer date at 00:00 UTC as a little-endian FILETIME.
    static func fileTime(_ driverVer: DriverVer) -> [UInt8] {
        var components = DateComponents()
        components.year = driverVer.year; components.month = driverVer.month; components.day = driverVer.day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let seconds = calendar.date(from: components).map { Int64($0.timeIntervalSince1970) } ?? 0
        let ticks = UInt64(seconds + 11_644_473_600) * 10_000_000
        return withUnsafeBytes(of: ticks.littleEndian, Array.init)
    }
}
