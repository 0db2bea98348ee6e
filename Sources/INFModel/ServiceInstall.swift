/// `AddService = ServiceName, [flags], service-install-section[, event-log-install-section[, [EventLogType][, EventName]]]`.
public struct AddServiceDirective: Hashable, Sendable {
    public var line: INFLine
    public var serviceName: String
    public var flags: UInt32?
    public var installSection: String?
    public var eventLogSection: String?
    /// The event log the service's event source is registered in (`System` when absent) and the
    /// source's name (the service's when absent): fields 5 and 6, nil when empty.
    public var eventLogType: String?
    public var eventName: String?

    /// `SPSVCINST_ASSOCSERVICE`: this service is the device's function driver.
    public static let associateService: UInt32 = 0x2

    public init(line: INFLine) {
        self.line = line
        serviceName = (line.field(1) ?? "").trimmingWhitespace()
        flags = IntegerField.parse(line.field(2) ?? "")
        installSection = line.nonEmptyField(3)
        eventLogSection = line.nonEmptyField(4)
        eventLogType = line.nonEmptyField(5)
        eventName = line.nonEmptyField(6)
    }

    public var isFunctionDriver: Bool { (flags ?? 0) & Self.associateService != 0 }
}

/// A service-install section: how the service is registered.
public struct ServiceInstallSection: Hashable, Sendable {
    public var name: String
    public var displayName: INFValue?
    public var description: INFValue?
    public var serviceType: INFValue?
    public var startType: INFValue?
    public var errorControl: INFValue?
    public var serviceBinary: INFValue?
    public var loadOrderGroup: INFValue?
    public var dependencies: [INFValue]
    public var startName: INFValue?
    public var security: INFValue?
    /// `RequiredPrivileges = SeXxxPrivilege, …` (Windows 7 and later).
    public var requiredPrivileges: [INFValue]
    /// `ServiceSidType`, `DelayedAutoStart` (Windows 10 2004 and later), `BootFlags` (Windows 11 build 25381 and later).
    public var serviceSidType: INFValue?
    public var delayedAutoStart: INFValue?
    public var bootFlags: INFValue?
    /// Registry sections the service section itself adds (`AddReg = …`).
    public var addReg: [String]

    /// The keys SetupAPI reads from their first line alone (SetupFindFirstLine; Wine's `add_service`):
    /// a later line with the same key is ignored. (AddReg, DelReg and BitReg lines all count.)
    public static let firstLineKeys: Set<String> = [
        "displayname", "description", "servicetype", "starttype", "errorcontrol", "servicebinary", "loadordergroup",
        "startname", "security", "servicesidtype", "delayedautostart", "bootflags", "dependencies", "requiredprivileges",
    ]

    /// Numeric value of a field (nil when absent or not a number).
    public static func number(_ v: INFValue?) -> UInt32? { v.flatMap { IntegerField.parse($0.value) } }

    /// SERVICE_KERNEL_DRIVER (1) or SERVICE_FILE_SYSTEM_DRIVER (2).
    public var isKernelDriver: Bool { [1, 2].contains(Self.number(serviceType) ?? 0) }
    /// SERVICE_BOOT_START (0).
    public var isBootStart: Bool { Self.number(startType) == 0 }
}

extension INFDocument {
    /// The AddService lines of a section (`DDInstall.Services`, DefaultInstall.Services…).
    public func addServices(in section: String) -> [AddServiceDirective] {
        lines(in: section, key: "AddService").map(AddServiceDirective.init(line:))
    }

    /// The typed service-install section `name`, nil when it does not exist.
    public func serviceInstallSection(_ name: String) -> ServiceInstallSection? {
        guard let s = section(name) else { return nil }
        var result = ServiceInstallSection(name: s.name, dependencies: [], requiredPrivileges: [], addReg: [])
        for line in lines(of: s) {
            guard let key = line.key?.lowercased() else { continue }
            let value = line.field(1).map { INFValue(value: $0, line: line, fieldNumber: 1) }
            switch key {
            case "displayname": result.displayName = result.displayName ?? value
            case "description": result.description = result.description ?? value
            case "servicetype": result.serviceType = result.serviceType ?? value
            case "starttype": result.startType = result.startType ?? value
            case "errorcontrol": result.errorControl = result.errorControl ?? value
            case "servicebinary": result.serviceBinary = result.serviceBinary ?? value
            case "loadordergroup": result.loadOrderGroup = result.loadOrderGroup ?? value
            case "startname": result.startName = result.startName ?? value
            case "security": result.security = result.security ?? value
            case "servicesidtype": result.serviceSidType = result.serviceSidType ?? value
            case "delayedautostart": result.delayedAutoStart = result.delayedAutoStart ?? value
            case "bootflags": result.bootFlags = result.bootFlags ?? value
            // Multi-field values, from their first line as SetupAPI finds every key (SetupFindFirstLine).
            case "requiredprivileges" where result.requiredPrivileges.isEmpty:
                result.requiredPrivileges = line.fields.enumerated().map { INFValue(value: $1, line: line, fieldNumber: $0 + 1) }
            case "dependencies" where result.dependencies.isEmpty:
                result.dependencies = line.fields.enumerated().map { INFValue(value: $1, line: line, fieldNumber: $0 + 1) }
            case "addreg": result.addReg += line.fields.filter { !$0.isEmpty }
            default: break
            }
        }
        return result
    }
}

import Foundation
