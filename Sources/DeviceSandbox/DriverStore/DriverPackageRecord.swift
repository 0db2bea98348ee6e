import Foundation
import GRDB
import INFModel

/// A package in the driver store: published as `oemN.inf`, kept in `FileRepository\<folder>`.
public struct DriverPackageRecord: Hashable, Sendable {
    public var id: Int64
    public var publishedName: String
    public var originalName: String
    public var folder: String
    public var hash: String
    /// The catalog file, relative to the store folder.
    public var catalog: String
    public var provider: String
    public var className: String
    public var classGuid: String
    /// `YYYY-MM-DD` (sorts as it compares).
    public var driverDate: String
    public var driverVersion: String
    public var signer: String?
    /// The catalog's signature chains to a certificate the machine trusts.
    public var trusted: Bool

    /// `C:\Windows\System32\DriverStore\FileRepository\<folder>`.
    /// Whether this package's DriverVer is newer than `other`'s: the date first, then the version
    /// (four parts, missing ones 0); nil when both are the same. Windows' tie-breaker between
    /// drivers of one rank, and its choice among extension INFs of one ExtensionId.
    public func hasNewerDriverVer(than other: DriverPackageRecord) -> Bool? {
        if driverDate != other.driverDate { return driverDate > other.driverDate }
        func parts(_ v: String) -> [Int] {
            let parts = v.split(separator: ".").map { Int($0) ?? 0 }
            return parts + Array(repeating: 0, count: max(0, 4 - parts.count))
        }
        let mine = parts(driverVersion), theirs = parts(other.driverVersion)
        return mine == theirs ? nil : !mine.lexicographicallyPrecedes(theirs)
    }

    /// An extension INF (`Class = Extension`): it adds to a device's base driver, never replaces it.
    public var isExtension: Bool { VersionSection.isExtension(className: className, classGuid: classGuid) }

    public var storePath: String { "C:\\Windows\\System32\\DriverStore\\FileRepository\\" + folder }
    /// The same folder relative to the sandbox root.
    public var storeRelativePath: String { "C/Windows/System32/DriverStore/FileRepository/" + folder }

    /// `MM/DD/YYYY`, as pnputil and devcon print dates.
    public var displayDate: String {
        let p = driverDate.split(separator: "-")
        return p.count == 3 ? "\(p[1])/\(p[2])/\(p[0])" : driverDate
    }

    /// The N of `oemN.inf`.
    public var oemNumber: Int { Int(publishedName.dropFirst(3).dropLast(4)) ?? Int.max }

    init(row: Row) {
        id = row["id"]; publishedName = row["published_name"]; originalName = row["original_name"]; folder = row["folder"]
        hash = row["hash"]; catalog = row["catalog"]; provider = row["provider"]; className = row["class_name"]; classGuid = row["class_guid"]
        driverDate = row["driver_date"]; driverVersion = row["driver_version"]; signer = row["signer"]; trusted = row["trusted"]
    }

    static func all(_ db: Database) throws -> [DriverPackageRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM driver_package").map(DriverPackageRecord.init).sorted { $0.oemNumber < $1.oemNumber }
    }

    static func named(_ publishedName: String, _ db: Database) throws -> DriverPackageRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM driver_package WHERE published_name = ?", arguments: [publishedName]).map(DriverPackageRecord.init)
    }

    static func withID(_ id: Int64, _ db: Database) throws -> DriverPackageRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM driver_package WHERE id = ?", arguments: [id]).map(DriverPackageRecord.init)
    }
}

/// Why the driver store refused a request, with the Win32 error pnputil exits with.
public struct DriverStoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var win32Error: UInt32
    /// Details (lint findings, files) printed under the message.
    public var details: [String]
    public var description: String { ([message] + details).joined(separator: "\n") }

    public init(_ message: String, _ win32Error: UInt32, details: [String] = []) {
        self.message = message; self.win32Error = win32Error; self.details = details
    }

    public static let noCatalog: UInt32 = 0xE000_022F          // ERROR_NO_CATALOG_FOR_OEM_INF
    public static let hashNotInCatalog: UInt32 = 0xE000_024B   // ERROR_FILE_HASH_NOT_IN_CATALOG
    public static let inUse: UInt32 = 0xE000_023D              // ERROR_INF_IN_USE_BY_DEVICES
    public static let notInstalledOEM: UInt32 = 0xE000_023C    // ERROR_NOT_AN_INSTALLED_OEM_INF
    public static let fileNotFound: UInt32 = 2
    public static let invalidData: UInt32 = 13
}
