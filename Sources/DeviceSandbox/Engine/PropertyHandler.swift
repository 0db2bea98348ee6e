import INFModel

/// AddProperty and DelProperty on a device instance. Each property lives under the device's
/// `Properties` key as `{category}\NNNN`, its value the key's unnamed value of registry type
/// `0xFFFF0000 | DEVPROPTYPE` (the layout of Wine's `SetupDiSetDevicePropertyW`).
///
/// Only device instances are modelled: in a section with no ``InstallContext/propertyOwner``
/// (ClassInstall32, an interface section, DefaultInstall) the directives are reported and skipped.
enum PropertyHandler {
    /// The DelProperty, then the AddProperty directives of `section`.
    static func apply(in section: String, _ context: InstallContext, _ registry: RegistryStore) throws {
        let document = context.document
        let deletions = document.references("DelProperty", in: section)
        let additions = document.references("AddProperty", in: section)
        guard let owner = context.propertyOwner else {
            for reference in deletions + additions {
                context.skip(reference.line, field: reference.fieldNumber,
                             "\(reference.directive) in [\(section)] is not applied by this version of drvkit's sandbox, which models device instance properties only; [\(reference.value)] is skipped")
            }
            return
        }
        for reference in deletions {
            for line in context.installLines(in: reference.value) { try delete(line, on: owner, context, registry) }
        }
        for reference in additions {
            for line in context.installLines(in: reference.value) { try add(line, on: owner, context, registry) }
        }
    }

    /// The key holding the property `key` of the device whose `Enum` key is `owner`.
    static func propertyKey(_ key: DevicePropertyKey, of owner: RegistryPath) -> RegistryPath {
        owner.appending("Properties").appending(key.registrySubkey)
    }

    /// The entry `line` reads as, or nil once the line is reported as skipped.
    static func readable<Entry>(_ read: Result<Entry, PropertyLineProblem>, _ line: INFLine, _ context: InstallContext) -> Entry? {
        switch read {
        case .success(let entry): return entry
        case .failure(let problem): context.skip(line, field: problem.field, problem.message + "; line skipped"); return nil
        }
    }

    static func add(_ line: INFLine, on owner: RegistryPath, _ context: InstallContext, _ registry: RegistryStore) throws {
        guard let entry = readable(AddPropertyEntry.read(line), line, context) else { return }
        let path = propertyKey(entry.key, of: owner)
        let existing = try registry.value(path, "")
        if entry.flags & AddPropertyEntry.noClobber != 0 && existing != nil { return }
        if entry.flags & AddPropertyEntry.overwriteOnly != 0 && existing == nil { return }
        var data = entry.data
        if let existing, existing.type == entry.type.registryValueType {
            if entry.flags & AddPropertyEntry.append != 0 {
                // The strings not already in the list are added after it.
                var strings = existing.multiStringValue
                for s in entry.strings where !strings.contains(where: { $0.lowercased() == s.lowercased() }) { strings.append(s) }
                data = RegistryValue.multiString("", strings).data
            } else if entry.flags & (AddPropertyEntry.or | AddPropertyEntry.and) != 0, existing.data.count == 4 {
                let old = existing.data.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
                let new = data.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
                let combined = entry.flags & AddPropertyEntry.or != 0 ? old | new : old & new
                data = withUnsafeBytes(of: combined.littleEndian, Array.init)
            }
        }
        try registry.setValue(path, RegistryValue(name: "", type: entry.type.registryValueType, data: data))
    }

    static func delete(_ line: INFLine, on owner: RegistryPath, _ context: InstallContext, _ registry: RegistryStore) throws {
        guard let entry = readable(DelPropertyEntry.read(line), line, context) else { return }
        let path = propertyKey(entry.key, of: owner)
        guard entry.flags & DelPropertyEntry.deleteString != 0, let value = entry.value else {
            _ = try registry.deleteKey(path)
            return
        }
        // Only the matching strings of a string list go (compared case-insensitively).
        guard let existing = try registry.value(path, ""), existing.type == DevicePropertyType.stringList.registryValueType else { return }
        let kept = existing.multiStringValue.filter { $0.lowercased() != value.lowercased() }
        try registry.setValue(path, RegistryValue(name: "", type: existing.type, data: RegistryValue.multiString("", kept).data))
    }
}
