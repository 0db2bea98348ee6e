import Foundation
import INFModel

/// AddService and DelService (installer.md §8): the service key and the values SetupAPI writes.
enum ServiceHandler {
    static let errorBadServiceInstallSection: UInt32 = 0xE000_0217   // ERROR_BAD_SERVICE_INSTALLSECT

    static func addService(_ line: INFLine, _ context: InstallContext, _ registry: RegistryStore) throws {
        let directive = AddServiceDirective(line: line)
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
        guard let binary = section.serviceBinary?.value else {
            throw context.fail(line, field: 3, "[\(section.name)] has no ServiceBinary", error: errorBadServiceInstallSection)
        }
        let key = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services")!.appending(directive.serviceName)
        let flags = directive.flags ?? 0
        let exists = try registry.key(key) != nil
        try registry.setValue(key, .dword("Type", type))
        if !(exists && flags & 0x10 != 0) { try registry.setValue(key, .dword("Start", start)) }
        if !(exists && flags & 0x20 != 0) { try registry.setValue(key, .dword("ErrorControl", errorControl)) }
        try registry.setValue(key, .string("ImagePath", imagePath(binary), expand: true))
        if let name = section.displayName?.value, !(exists && flags & 0x8 != 0) { try registry.setValue(key, .string("DisplayName", name)) }
        if let description = section.description?.value, !(exists && flags & 0x100 != 0) { try registry.setValue(key, .string("Description", description)) }
        if let group = section.loadOrderGroup?.value, !(exists && flags & 0x40 != 0) { try registry.setValue(key, .string("Group", group)) }
        let dependencies = section.dependencies.map(\.value).filter { !$0.isEmpty }
        if !dependencies.isEmpty && !(exists && flags & 0x80 != 0) {
            let services = dependencies.filter { !$0.hasPrefix("+") }, groups = dependencies.filter { $0.hasPrefix("+") }.map { String($0.dropFirst()) }
            if !services.isEmpty { try registry.setValue(key, .multiString("DependOnService", services)) }
            if !groups.isEmpty { try registry.setValue(key, .multiString("DependOnGroup", groups)) }
        }
        if let account = section.startName?.value { try registry.setValue(key, .string("ObjectName", account)) }
        context.note("     inf: AddService=\(directive.serviceName),\(line.field(2) ?? ""),\(sectionName)  (Type \(type), Start \(start))")
        let previous = context.hkr
        context.hkr = key
        defer { context.hkr = previous }
        for list in section.addReg {
            for entryLine in context.installLines(in: list) { try RegistryHandlers.addReg(entryLine, context, registry) }
        }
    }

    static func delService(_ line: INFLine, _ context: InstallContext, _ registry: RegistryStore) throws {
        guard let name = line.nonEmptyField(1) else { return }
        if try registry.deleteKey(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services")!.appending(name)) {
            context.note("     inf: DelService=\(name)")
        }
    }

    /// ServiceBinary as the Service Control Manager stores it: `%SystemRoot%`-relative for the Windows folder.
    static func imagePath(_ binary: String) -> String {
        let resolved = DIRIDResolver.windowsPath(binary)
        let windows = "C:\\Windows\\"
        if resolved.lowercased().hasPrefix(windows.lowercased()) { return "\\SystemRoot\\" + resolved.dropFirst(windows.count) }
        return resolved
    }
}

/// `%dirid%` tokens to Windows paths, as SetupAPI substitutes them at install time.
enum DIRIDResolver {
    static func windowsPath(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "%") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "%") else { out += rest[open...]; return out }
            let token = after[..<close]
            if let id = Int(token), let path = DIRID.paths[id] {
                var p = path
                let next = after[after.index(after: close)...]
                if next.hasPrefix("\\") && p.hasSuffix("\\") { p.removeLast() }
                out += p
            } else {
                out += "%" + token + "%"
            }
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }
}
