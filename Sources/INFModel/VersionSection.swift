import INFSyntax

/// A value read from a line, with the line for positions.
public struct INFValue: Hashable, Sendable {
    public var value: String
    public var line: INFLine
    /// Which field (1-based) the value is.
    public var fieldNumber: Int
    /// Where the value is written.
    public var range: Range<Int> { line.range(ofField: fieldNumber) }
}

/// `[Version]`: what kind of package this is and who made it.
public struct VersionSection: Sendable {
    public var signature: INFValue?
    public var `class`: INFValue?
    public var classGuid: INFValue?
    public var provider: INFValue?
    /// `CatalogFile` and its decorated forms (`CatalogFile.NT`, `CatalogFile.NTamd64`…).
    public var catalogFiles: [CatalogFileEntry]
    public var driverVer: DriverVerEntry?
    public var pnpLockdown: INFValue?
    public var driverPackageType: INFValue?
    public var driverPackageDisplayName: INFValue?
    public var classVer: INFValue?
    public var layoutFile: INFValue?
    /// The `[Version]` header line (index into `tree.lines`), for findings about a missing key.
    public var headerLine: Int?

    /// The Extension setup class GUID ("Using an Extension INF File").
    public static let extensionClassGuid = "{e2f84ce7-8efa-411c-aa69-97454ca4cb57}"

    /// Whether a class name and GUID make an extension INF (`Class = Extension`, or its GUID).
    public static func isExtension(className: String?, classGuid: String?) -> Bool {
        className?.trimmingWhitespace().caseInsensitiveCompare("Extension") == .orderedSame
            || classGuid?.trimmingWhitespace().lowercased() == extensionClassGuid
    }

    /// An extension INF: it adds to a device's base driver package, never replaces it.
    public var isExtension: Bool { Self.isExtension(className: self.class?.value, classGuid: classGuid?.value) }

    /// A `CatalogFile[.decoration]` line.
    public struct CatalogFileEntry: Hashable, Sendable {
        /// The text after `CatalogFile.` (`NT`, `NTamd64`), nil for plain `CatalogFile`.
        public var decoration: String?
        public var file: INFValue

        /// The catalog's file name, trimmed, when it names a file in the INF's folder: not empty,
        /// no `\`, `/` or drive, not `.` or `..`. Nil otherwise (lint rule DK2009 says why).
        public var fileName: String? {
            let name = file.value.trimmingWhitespace()
            guard !name.isEmpty, name != ".", name != "..", !name.contains(where: { $0 == "\\" || $0 == "/" || $0 == ":" }) else { return nil }
            return name
        }
    }

    /// The DriverVer line: its value and, when it does not parse, why.
    public struct DriverVerEntry: Hashable, Sendable {
        public var line: INFLine
        public var result: Result<DriverVer, DriverVer.ParseError>
        public var value: DriverVer? { try? result.get() }
    }

    /// The catalog Windows uses on `architecture`: `CatalogFile.NT<arch>`, else `CatalogFile.NT`, else `CatalogFile`.
    public func catalogFile(for architecture: Architecture) -> CatalogFileEntry? {
        let lowered = catalogFiles.map { ($0, $0.decoration?.lowercased()) }
        return lowered.first { $0.1 == "nt" + architecture.rawValue }?.0
            ?? lowered.first { $0.1 == "nt" }?.0
            ?? lowered.first { $0.1 == nil }?.0
    }
}

extension INFDocument {
    /// The typed `[Version]` section (first line wins for each key, as SetupFindFirstLine does).
    public var version: VersionSection {
        var v = VersionSection(catalogFiles: [])
        v.headerLine = section("Version")?.headerLines.first
        for line in lines(in: "Version") {
            guard let key = line.key?.lowercased() else { continue }
            let value = line.field(1).map { INFValue(value: $0, line: line, fieldNumber: 1) }
            func set(_ path: WritableKeyPath<VersionSection, INFValue?>) { if v[keyPath: path] == nil { v[keyPath: path] = value } }
            switch key {
            case "signature": set(\.signature)
            case "class": set(\.class)
            case "classguid": set(\.classGuid)
            case "provider": set(\.provider)
            case "pnplockdown": set(\.pnpLockdown)
            case "driverpackagetype": set(\.driverPackageType)
            case "driverpackagedisplayname": set(\.driverPackageDisplayName)
            case "classver": set(\.classVer)
            case "layoutfile": set(\.layoutFile)
            case "driverver":
                if v.driverVer == nil {
                    v.driverVer = .init(line: line, result: DriverVer.parse(date: line.field(1) ?? "", version: line.field(2)))
                }
            default:
                if key == "catalogfile" || key.hasPrefix("catalogfile."), let value {
                    let decoration = key == "catalogfile" ? nil : String(line.key!.dropFirst("catalogfile.".count))
                    v.catalogFiles.append(.init(decoration: decoration, file: value))
                }
            }
        }
        return v
    }
}
