import Foundation
import INFModel

/// AddService and DelService (installer.md §8): the service key and the values SetupAPI writes.
enum ServiceHandler {
    static let errorBadServiceInstallSection: UInt32 = 0xE000_0217   // ERROR_BAD_SERVICE_INSTALLSECT

    static func addService(_ line: INFLine, _ context: InstallContext, _ registry: RegistryStore) throws {
        let directive = AddServiceDirective(line: line)
        if context.isExtension && directive.isFunctionDriver {
            context.skip(line, field: 2, "an extension INF cannot install a device's function driver (SPSVCINST_ASSOCSERVICE); the line is skipped")
            return
        }
        if directive.serviceName.isEmpty { context.note("     inf: null driver (AddService = ,\(line.field(2) ?? ""))"); return }
        guard let sectionName = directive.installSection, let section = context.document.serviceInstallSection(sectionName) else {
            throw context.fail(line, field: 3, "AddService '\(directive.serviceName)' names no service-install section", error: errorBadServiceInstallSection)
        }
        func number(_ v: INFValue?, _ what: String) throws -> UInt32 {
            guard let v else { throw context.fail(line, field: 3, "[\(section.name)] has no \(what)", error: errorBadServiceInstallSection) }
            guard let n = IntegerField.parse(v.value) else { throw context.fail(v.line, field: 1, "\(what) '\(v.value)' is not a number", error: errorBadServiceInstallSection) }
            return n
        }
        let type = try number(section.serviceType, "ServiceType")
        let start = try number(section.startType, "StartType")
        let errorControl = try number(section.errorControl, "ErrorControl")
        guard let binaryValue = section.serviceBinary else {
            throw context.fail(line, field: 3, "[\(section.name)] has no ServiceBinary", error: errorBadServiceInstallSection)
        }
        let key = ServiceTags.services.appending(directive.serviceName)
        let flags = directive.flags ?? 0
        let exists = try registry.key(key) != nil
        /// Whether a value may be written: always for a new service, else unless its NOCLOBBER flag is set.
        func clobbers(_ noClobber: UInt32) -> Bool { !exists || flags & noClobber == 0 }
        try registry.setValue(key, .dword("Type", type))
        if clobbers(ServiceFlags.noClobberStartType) { try registry.setValue(key, .dword("Start", start)) }
        if clobbers(ServiceFlags.noClobberErrorControl) { try registry.setValue(key, .dword("ErrorControl", errorControl)) }
        let binary = context.installLine(binaryValue.line).field(binaryValue.fieldNumber) ?? binaryValue.value
        try registry.setValue(key, .string("ImagePath", imagePath(binary), expand: true))
        if let name = section.displayName?.value, clobbers(ServiceFlags.noClobberDisplayName) { try registry.setValue(key, .string("DisplayName", name)) }
        if let description = section.description?.value, clobbers(ServiceFlags.noClobberDescription) { try registry.setValue(key, .string("Description", description)) }
        if let group = section.loadOrderGroup?.value, !group.isEmpty, clobbers(ServiceFlags.noClobberLoadOrderGroup) {
            try registry.setValue(key, .string("Group", group))
            if [1, 2].contains(type) {
                let tag = try ServiceTags.assignTag(service: directive.serviceName, group: group, registry)
                if flags & ServiceFlags.tagToFront != 0 { try ServiceTags.moveToFront(tag: tag, group: group, registry) }
            }
        }
        let dependencies = section.dependencies.map(\.value).filter { !$0.isEmpty }
        if !dependencies.isEmpty && clobbers(ServiceFlags.noClobberDependencies) {
            let services = dependencies.filter { !$0.hasPrefix("+") }, groups = dependencies.filter { $0.hasPrefix("+") }.map { String($0.dropFirst()) }
            if !services.isEmpty { try registry.setValue(key, .multiString("DependOnService", services)) }
            if !groups.isEmpty { try registry.setValue(key, .multiString("DependOnGroup", groups)) }
        }
        if let account = section.startName?.value { try registry.setValue(key, .string("ObjectName", account)) }
        let privileges = section.requiredPrivileges.map(\.value).filter { !$0.isEmpty }
        if !privileges.isEmpty && clobbers(ServiceFlags.noClobberRequiredPrivileges) {
            try registry.setValue(key, .multiString("RequiredPrivileges", privileges))
        }
        for (entry, valueName, noClobber) in [(section.serviceSidType, "ServiceSidType", ServiceFlags.noClobberServiceSidType),
                                              (section.delayedAutoStart, "DelayedAutostart", ServiceFlags.noClobberDelayedAutoStart),
                                              (section.bootFlags, "BootFlags", ServiceFlags.noClobberBootFlags)] {
            guard let entry, clobbers(noClobber) else { continue }
            try registry.setValue(key, .dword(valueName, try number(entry, valueName)))
        }
        if let security = section.security, !exists || flags & ServiceFlags.clobberSecurity != 0 {
            try writeSecurity(security, serviceKey: key, context, registry)
        }
        context.note("     inf: AddService=\(directive.serviceName),\(line.field(2) ?? ""),\(sectionName)  (Type \(type), Start \(start))")
        if flags & (ServiceFlags.stopService | ServiceFlags.startService) != 0 {
            context.note("     inf: SPSVCINST_STOPSERVICE/STARTSERVICE: no service runs in the sandbox; nothing started or stopped")
        }
        try applyRegistry(of: sectionName, hkr: key, context, registry)
        for entry in context.document.lines(in: sectionName) where ["addtrigger", "failureactions"].contains(entry.key?.lowercased() ?? "") {
            context.skip(entry, "\(entry.key!) is not applied by this version of drvkit's sandbox; the line is skipped")
        }
        // The event log source: AddService=name,flags,section,event-log-section[,EventLogType[,EventName]].
        if let eventSection = directive.eventLogSection, !eventSection.isEmpty {
            guard context.document.hasSection(eventSection) else {
                context.skip(line, field: 4, "AddService names event-log section [\(eventSection)], which does not exist; skipped")
                return
            }
            let eventKey = eventLogKey(type: directive.eventLogType, name: directive.eventName ?? directive.serviceName)
            try registry.createKey(eventKey)
            context.note("     inf: Event log source \(eventKey)")
            try applyRegistry(of: eventSection, hkr: eventKey, context, registry)
        }
    }

    /// `Security = "SDDL"`: the self-relative descriptor in `Services\<name>\Security\Security`, where the
    /// service controller keeps it. A descriptor that does not convert fails the install, as
    /// `ConvertStringSecurityDescriptorToSecurityDescriptor` failing does (ERROR_INVALID_PARAMETER [?]).
    static func writeSecurity(_ security: INFValue, serviceKey: RegistryPath, _ context: InstallContext, _ registry: RegistryStore) throws {
        let descriptor: SecurityDescriptor
        do { descriptor = try SecurityDescriptor(sddl: security.value) } catch {
            throw context.fail(security.line, field: security.fieldNumber, "Security \"\(security.value)\" is not a security descriptor: \(error.description)",
                               error: 87)
        }
        try registry.setValue(serviceKey.appending("Security"), RegistryValue(name: "Security", type: .binary, data: descriptor.selfRelativeBytes))
    }

    /// `HKLM\SYSTEM\CurrentControlSet\Services\EventLog\<type>\<name>` for an EventLogType
    /// (System when absent) and an event source name.
    static func eventLogKey(type: String?, name: String) -> RegistryPath {
        RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog")!.appending(type ?? "System").appending(name)
    }

    /// DelReg, AddReg and BitReg of a service-install or event-log section, with HKR bound to `hkr`.
    static func applyRegistry(of section: String, hkr: RegistryPath, _ context: InstallContext, _ registry: RegistryStore) throws {
        let previous = context.hkr
        context.hkr = hkr
        defer { context.hkr = previous }
        let document = context.document
        for list in document.references("DelReg", in: section) {
            for entryLine in context.installLines(in: list.value) { try RegistryHandlers.delReg(entryLine, context, registry) }
        }
        for list in document.references("AddReg", in: section) {
            for entryLine in context.installLines(in: list.value) { try RegistryHandlers.addReg(entryLine, context, registry) }
        }
        for list in document.references("BitReg", in: section) {
            for entryLine in context.installLines(in: list.value) { try RegistryHandlers.bitReg(entryLine, context, registry) }
        }
    }

    /// `DelService=name[,flags[,EventLogType[,EventName]]]`: the service key, and with
    /// SPSVCINST_DELETEEVENTLOGENTRY its event log source.
    static func delService(_ line: INFLine, _ context: InstallContext, _ registry: RegistryStore) throws {
        guard let name = line.nonEmptyField(1) else { return }
        if try registry.deleteKey(ServiceTags.services.appending(name)) {
            context.note("     inf: DelService=\(name)")
        }
        let flags = line.nonEmptyField(2).flatMap(IntegerField.parse) ?? 0
        if flags & ServiceFlags.deleteEventLogEntry != 0 {
            let eventKey = eventLogKey(type: line.nonEmptyField(3), name: line.nonEmptyField(4) ?? name)
            if try registry.deleteKey(eventKey) { context.note("     inf: Deleted event log source \(eventKey)") }
        }
    }

    /// ServiceBinary (DIRIDs already substituted) as the SCM stores it: `\SystemRoot\…` for the Windows folder.
    static func imagePath(_ resolved: String) -> String {
        let windows = "C:\\Windows\\"
        if resolved.lowercased().hasPrefix(windows.lowercased()) { return "\\SystemRoot\\" + resolved.dropFirst(windows.count) }
        return resolved
    }
}
